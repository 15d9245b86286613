using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.Storage.Objects;

namespace Tenancy.Storage.Tests;

/// <summary>Builds a container with Tenancy.Storage on one backend.</summary>
internal static class StoreFixture
{
    public static readonly TenantInfo Acme = new("acme", "acme", "Acme Ltd");
    public static readonly TenantInfo Globex = new("globex", "globex", "Globex Corp");

    public static ServiceProvider Build(Action<TenancyStorageBuilder> backend, Action<TenancyBuilder>? more = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        var tenancy = services.AddTenancy(t => t.WithInMemoryStore(Acme, Globex)).AddTenancyStorage(backend);
        more?.Invoke(tenancy);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static MemoryStream Text(string text) => new(System.Text.Encoding.UTF8.GetBytes(text));

    public static async Task<string> ReadTextAsync(ObjectDownload download)
    {
        using var reader = new StreamReader(download.Content);
        return await reader.ReadToEndAsync();
    }
}
