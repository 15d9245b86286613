using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Tenancy.Testing.Hosting;

namespace Tenancy.Security.Tests.SampleHost;

/// <summary>
/// The sample host as shipped (its appsettings.json: SQLite, local disk, the demo sign-in), on a throw-away content
/// root, with presigned URLs on so that their endpoints are reachable.
/// </summary>
public sealed class SampleHostFactory : WebApplicationFactory<Program>
{
    private readonly SampleContentRoot _root = new("tenancy-security-");

    /// <summary>Configuration keys and values that replace the shipped ones.</summary>
    public IReadOnlyList<(string Key, string Value)> Settings { get; init; } = [];

    /// <summary>A client that sends <paramref name="headers"/> with every request.</summary>
    public HttpClient Client(params (string Name, string Value)[] headers)
    {
        var client = CreateClient();
        foreach (var (name, value) in headers)
        {
            client.DefaultRequestHeaders.TryAddWithoutValidation(name, value);
        }

        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseContentRoot(_root.Path);
        builder.UseSetting("Sample:PublicBaseUrl", "http://localhost/");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        _root.Dispose();
    }
}
