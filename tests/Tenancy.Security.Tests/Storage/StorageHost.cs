using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Sample.Host.Files;
using Tenancy.Stores;
using Tenancy.Testing.S3;

namespace Tenancy.Security.Tests.Storage;

/// <summary>
/// The sample host's storage endpoints (<c>AddSampleStorage</c>/<c>MapSampleStorage</c>) over real HTTP (TestServer) on
/// one backend: a temporary folder, or a fresh bucket on the S3 test server. The test names the tenant in a header.
/// </summary>
internal sealed class StorageHost : IAsyncDisposable
{
    public static readonly TenantInfo Acme = new("t-acme", "acme", "Acme");
    public static readonly TenantInfo Globex = new("t-globex", "globex", "Globex");

    /// <summary>A tenant whose id differs from Acme's only by case.</summary>
    public static readonly TenantInfo AcmeUpper = new("T-Acme", "acme-upper", "ACME (another company)");

    private WebApplication? _app;

    private StorageHost(StorageBackend backend) => Backend = backend;

    public StorageBackend Backend { get; }

    public HttpClient Client { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    public string RootPath { get; } = Path.Join(Path.GetTempPath(), "tenancy-security-storage", Guid.NewGuid().ToString("N"));

    public string Bucket { get; private set; } = "";

    public static async Task<StorageHost> StartAsync(StorageBackend backend, IDictionary<string, string?>? settings = null)
    {
        var host = new StorageHost(backend);
        var config = new Dictionary<string, string?> { ["Sample:PublicBaseUrl"] = "http://localhost/" };
        if (backend == StorageBackend.S3)
        {
            host.Bucket = await S3TestServer.CreateBucketAsync("security-");

            config["Sample:Storage"] = "S3";
            config["Sample:S3:BucketName"] = host.Bucket;
            config["Sample:S3:ServiceUrl"] = S3TestServer.Url.ToString();
            config["Sample:S3:Region"] = S3TestServer.Region;
            config["Sample:S3:AccessKeyId"] = S3TestServer.AccessKey;
            config["Sample:S3:SecretAccessKey"] = S3TestServer.SecretKey;
        }
        else
        {
            Directory.CreateDirectory(host.RootPath);
            config["Sample:Disk:RootPath"] = host.RootPath;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddTenancy(t => t.WithInMemoryStore(Acme, Globex, AcmeUpper));
        builder.AddSampleStorage();
        var app = builder.Build();

        // Stands in for the tenancy middleware: the test names the tenant (by id) in a header.
        app.Use(async (context, next) =>
        {
            var id = context.Request.Headers["X-Test-Tenant"].ToString();
            var tenant = id.Length == 0 ? null : await context.RequestServices.GetRequiredService<ITenantStore>().FindByIdAsync(id);
            using (AmbientCurrentTenant.Instance.Begin(tenant))
            {
                await next(context);
            }
        });
        app.MapSampleStorage();
        await app.StartAsync();
        host._app = app;
        host.Client = app.GetTestClient();
        return host;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string url, TenantInfo? tenant, string? body = null, string? contentType = "text/plain")
    {
        var request = new HttpRequestMessage(method, url);
        if (tenant is not null)
        {
            request.Headers.Add("X-Test-Tenant", tenant.Id);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body);
            request.Content.Headers.Remove("Content-Type");
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        return Client.SendAsync(request);
    }

    /// <summary>Every object the backend holds, as physical keys (disk: paths below the root, sidecars excluded).</summary>
    public async Task<List<string>> PhysicalKeysAsync()
    {
        if (Backend == StorageBackend.LocalDisk)
        {
            return Directory.EnumerateFiles(RootPath, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(RootPath, f).Replace('\\', '/'))
                .Where(f => !f.StartsWith(".tenancy/", StringComparison.Ordinal))
                .Order(StringComparer.Ordinal)
                .ToList();
        }

        return await S3TestServer.ListKeysAsync(Bucket);
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (Backend == StorageBackend.S3 && Bucket.Length > 0)
        {
            await S3TestServer.DeleteBucketAsync(Bucket);
        }
        else if (Directory.Exists(RootPath))
        {
            Directory.Delete(RootPath, recursive: true);
        }
    }
}
