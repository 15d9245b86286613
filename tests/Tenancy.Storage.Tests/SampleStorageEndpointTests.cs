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

namespace Tenancy.Storage.Tests;

/// <summary>The sample host's /files endpoints over real HTTP (TestHost), on the local disk.</summary>
public sealed class SampleStorageEndpointTests : IAsyncLifetime
{
    private readonly TempFolder _root = new();
    private WebApplication? _app;
    private HttpClient? _client;

    private HttpClient Client => _client!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Sample:Disk:RootPath"] = _root.Path });
        builder.Services.AddTenancy(t => t.WithInMemoryStore(StoreFixture.Acme, StoreFixture.Globex));
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

        _root.Dispose();
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

        File.ReadAllText(Path.Join(_root.Path, "tenants", "globex", "secret.txt")).Should().Be("globex secret");
    }

    [Fact]
    public async Task Without_a_tenant_the_endpoints_answer_400()
    {
        using var response = await Client.SendAsync(Request(HttpMethod.Get, "/files", tenant: null));
        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("No tenant");
    }
}
