using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Tenancy.Security.Tests.SampleHost;

/// <summary>
/// The sample host as shipped (its appsettings.json: SQLite, local disk, the demo sign-in), on a throw-away content
/// root, with presigned URLs on so that their endpoints are reachable.
/// </summary>
public sealed class SampleHostFactory : WebApplicationFactory<Program>
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "tenancy-security-" + Guid.NewGuid().ToString("N"));

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
        Directory.CreateDirectory(_root);
        File.Copy(Path.Combine(FindSampleFolder(), "appsettings.json"), Path.Combine(_root, "appsettings.json"));
        builder.UseContentRoot(_root);
        builder.UseSetting("Sample:PublicBaseUrl", "http://localhost/");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindSampleFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "samples", "Tenancy.Sample.Host");
            if (File.Exists(Path.Combine(candidate, "appsettings.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("samples/Tenancy.Sample.Host not found above the test output folder.");
    }
}
