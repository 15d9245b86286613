using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Sample.Host.Files;
using Tenancy.Stores;

namespace Tenancy.Sample.Host.Tests.Files;

/// <summary>The sample host's /files endpoints over real HTTP (TestHost), on the local disk.</summary>
public sealed class SampleStorageEndpointTests : IAsyncLifetime
{
    private static readonly TenantInfo Acme = new("acme", "acme", "Acme Ltd");
    private static readonly TenantInfo Globex = new("globex", "globex", "Globex Corp");
    private readonly string _root = Path.Join(Path.GetTempPath(), "tenancy-sample-files-tests", Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Sample:Disk:RootPath"] = _root, ["Sample:PublicBaseUrl"] = "http://localhost/" });
        builder.Services.AddTenancy(t => t.WithInMemoryStore(Acme, Globex));
        builder.AddSampleStorage();
        _app = builder.Build();

        // Stands in for the tenancy middleware: the test names the tenant in a header.
        _app.Use(async (context, next) =>
        {
            var id = context.Request.Headers["X-Test-Tenant"].ToString();
            var tenant = id.Length == 0 ? null : await context.RequestServices.GetRequiredService<ITenantStore>().FindByIdAsync(id);
            using (AmbientCurrentTenant.Instance.Begin(tenant))
            {
                await next(context);
            }
        });
        _app.MapSampleStorage();
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private HttpRequestMessage Request(HttpMethod method, string url, string? tenant, string? body = null)
    {
        var request = new HttpRequestMessage(method, url);
        if (tenant is not null)
        {
            request.Headers.Add("X-Test-Tenant", tenant);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, System.Text.Encoding.UTF8, "text/plain");
        }

        return request;
    }

    [Fact]
    public async Task A_tenant_uploads_lists_and_downloads_its_own_files()
    {
        using (var put = await Client.SendAsync(Request(HttpMethod.Put, "/files/notes/today.txt", "acme", "hello")))
        {
            put.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        using (var list = await Client.SendAsync(Request(HttpMethod.Get, "/files", "acme")))
        {
            var listing = await list.Content.ReadFromJsonAsync<FileListing>();
            listing!.Files.Select(f => f.Key).Should().Equal("notes/today.txt");
        }

        using var get = await Client.SendAsync(Request(HttpMethod.Get, "/files/notes/today.txt", "acme"));
        get.StatusCode.Should().Be(HttpStatusCode.OK);
        (await get.Content.ReadAsStringAsync()).Should().Be("hello");
        get.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
    }

    [Fact]
    public async Task A_disk_that_refuses_the_write_is_a_503_problem_that_leaks_no_path()
    {
        var temp = Path.Join(_root, ".tenancy", "tmp");
        if (Directory.Exists(temp))
        {
            Directory.Delete(temp, recursive: true);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(temp)!);
        await File.WriteAllTextAsync(temp, "in the way");

        using var put = await Client.SendAsync(Request(HttpMethod.Put, "/files/notes/today.txt", "acme", "hello"));
        put.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
        put.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var body = await put.Content.ReadAsStringAsync();
        body.Should().NotContain(_root).And.NotContain("tenants/acme");
    }

    [Fact]
    public async Task Another_tenant_gets_404_for_the_same_key_and_an_empty_listing()
    {
        (await Client.SendAsync(Request(HttpMethod.Put, "/files/secret.txt", "globex", "globex secret"))).Dispose();

        using var get = await Client.SendAsync(Request(HttpMethod.Get, "/files/secret.txt", "acme"));
        get.StatusCode.Should().Be(HttpStatusCode.NotFound);
        get.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        using var delete = await Client.SendAsync(Request(HttpMethod.Delete, "/files/secret.txt", "acme"));
        delete.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var listing = await (await Client.SendAsync(Request(HttpMethod.Get, "/files", "acme"))).Content.ReadFromJsonAsync<FileListing>();
        listing!.Files.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/files/a%5C..%5Cb.txt")]
    [InlineData("/files/%252e%252e/globex/secret.txt")]
    [InlineData("/files/a//b.txt")]
    [InlineData("/files/a%01b.txt")]
    [InlineData("/files/..%2Fglobex%2Fsecret.txt")]
    [InlineData("/files?prefix=../")]
    public async Task Bad_keys_answer_400_problem_details_never_500(string url)
    {
        (await Client.SendAsync(Request(HttpMethod.Put, "/files/secret.txt", "globex", "globex secret"))).Dispose();
        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Put, HttpMethod.Delete })
        {
            if (url.Contains('?', StringComparison.Ordinal) && method != HttpMethod.Get)
            {
                continue;
            }

            using var response = await Client.SendAsync(Request(method, url, "acme", method == HttpMethod.Put ? "evil" : null));
            ((int)response.StatusCode).Should().BeInRange(400, 499, because: $"{method} {url}");
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            }
        }

        File.ReadAllText(Path.Join(_root, "tenants", "globex", "secret.txt")).Should().Be("globex secret");
    }

    [Fact]
    public async Task Without_a_tenant_the_endpoints_answer_400()
    {
        using var response = await Client.SendAsync(Request(HttpMethod.Get, "/files", tenant: null));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("No tenant");
    }

    private sealed record PresignedUrl(Uri Url);

    [Fact]
    public async Task A_presigned_url_serves_one_object_without_a_tenant_context_and_refuses_tampering()
    {
        (await Client.SendAsync(Request(HttpMethod.Put, "/files/report.txt", "acme", "acme report"))).Dispose();
        (await Client.SendAsync(Request(HttpMethod.Put, "/files/report.txt", "globex", "globex report"))).Dispose();

        using var presign = await Client.SendAsync(Request(HttpMethod.Post, "/files-presign/report.txt?method=GET&seconds=60", "acme"));
        presign.StatusCode.Should().Be(HttpStatusCode.OK);
        var url = (await presign.Content.ReadFromJsonAsync<PresignedUrl>())!.Url;
        url.AbsolutePath.Should().Be("/files-presigned/acme/report.txt");

        using (var get = await Client.SendAsync(Request(HttpMethod.Get, url.PathAndQuery, tenant: null)))
        {
            get.StatusCode.Should().Be(HttpStatusCode.OK);
            (await get.Content.ReadAsStringAsync()).Should().Be("acme report");
        }

        using (var otherTenant = await Client.SendAsync(Request(HttpMethod.Get, url.PathAndQuery.Replace("/acme/", "/globex/", StringComparison.Ordinal), tenant: null)))
        {
            otherTenant.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        }

        using (var put = await Client.SendAsync(Request(HttpMethod.Put, url.PathAndQuery, tenant: null, "overwrite")))
        {
            put.StatusCode.Should().Be(HttpStatusCode.Forbidden, "a GET URL does not allow PUT");
        }

        using var upload = await Client.SendAsync(Request(HttpMethod.Post, "/files-presign/inbox/new.txt?method=PUT", "acme"));
        var putUrl = (await upload.Content.ReadFromJsonAsync<PresignedUrl>())!.Url;
        using (var put = await Client.SendAsync(Request(HttpMethod.Put, putUrl.PathAndQuery, tenant: null, "uploaded")))
        {
            put.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        File.ReadAllText(Path.Join(_root, "tenants", "acme", "inbox", "new.txt")).Should().Be("uploaded");
        File.ReadAllText(Path.Join(_root, "tenants", "globex", "report.txt")).Should().Be("globex report");
    }
}
