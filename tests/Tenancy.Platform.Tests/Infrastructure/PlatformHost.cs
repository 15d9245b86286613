using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tenancy.ApiKeys;
using Tenancy.Audit;
using Tenancy.EntityFramework.Platform;
using Tenancy.Members;

namespace Tenancy.Platform.Tests.Infrastructure;

/// <summary>The platform services over a real database, with a fake clock.</summary>
public sealed class PlatformHost : IAsyncDisposable
{
    private PlatformHost(PlatformDatabase database, ServiceProvider services, FakeTimeProvider time)
    {
        Database = database;
        Services = services;
        Time = time;
    }

    public PlatformDatabase Database { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public TenantApiKeyService Keys => Services.GetRequiredService<TenantApiKeyService>();

    public TenantMembershipService Members => Services.GetRequiredService<TenantMembershipService>();

    public IAuditLog Audit => Services.GetRequiredService<IAuditLog>();

    public static Task<PlatformHost> SqliteAsync(Action<IServiceCollection>? services = null) => CreateAsync(PlatformDatabase.Sqlite(), services);

    public static async Task<PlatformHost> PostgresAsync(Action<IServiceCollection>? services = null) => await CreateAsync(await PlatformDatabase.PostgresAsync(), services);

    public static Task<PlatformHost> CreateAsync(PlatformDatabase database, Action<IServiceCollection>? configure = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(time);
        services.AddTenancy(t => t
                .WithInMemoryStore(Tenants.All)
                .AddApiKeys()
                .AddMembers()
                .AddAuditLog()
                .AddEntityFrameworkPlatformStores<TenancyPlatformDbContext>())
            .AddPooledTenantDbContextFactory<TenancyPlatformDbContext>(database.Configure, database.IsPostgres ? t => t.UseRowLevelSecurity() : null);
        configure?.Invoke(services);
        return Task.FromResult(new PlatformHost(database, services.BuildServiceProvider(validateScopes: true), time));
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}
