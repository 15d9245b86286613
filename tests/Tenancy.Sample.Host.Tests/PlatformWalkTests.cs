using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace Tenancy.Sample.Host.Tests;

/// <summary>A tenant's life in the sample host, as the README walks it: onboard, API key, data, audit, offboard, nothing left.</summary>
public sealed class PlatformWalkTests : IClassFixture<SampleHostTests.SampleFactory>
{
    private const string AdminKey = "dev-platform-key-change-me";
    private readonly SampleHostTests.SampleFactory _factory;

    public PlatformWalkTests(SampleHostTests.SampleFactory factory) => _factory = factory;

    [Fact]
    public async Task A_tenant_is_onboarded_used_through_an_api_key_and_offboarded_without_leftovers()
    {
        using var client = _factory.CreateClient();
        var onboard = new { id = "t-newco", identifier = "newco", name = "NewCo", ownerUserId = "olivia" };

        (await Send(client, HttpMethod.Post, "/platform/tenants", onboard)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "platform admin only");
        using (var created = await Send(client, HttpMethod.Post, "/platform/tenants", onboard, ("X-Platform-Key", AdminKey)))
        {
            created.StatusCode.Should().Be(HttpStatusCode.OK);
            (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("finished").GetBoolean().Should().BeTrue();
        }

        var owner = ("Authorization", "Demo olivia@t-newco");
        using var keyResponse = await Send(client, HttpMethod.Post, "/platform/api-keys", new { name = "ci", scopes = new[] { "data.read" } }, owner);
        keyResponse.StatusCode.Should().Be(HttpStatusCode.Created, await keyResponse.Content.ReadAsStringAsync());
        var token = (await keyResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        var key = ("Authorization", "ApiKey " + token);

        (await (await Send(client, HttpMethod.Get, "/tenant", null, key)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString().Should().Be("t-newco");
        (await Send(client, HttpMethod.Get, "/tenant", null, key, ("X-Tenant", "acme"))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await Send(client, HttpMethod.Post, "/projects", new { name = "Launch" }, key, ("Idempotency-Key", "p-1"))).StatusCode.Should().Be(HttpStatusCode.Created);
        var replay = await Send(client, HttpMethod.Post, "/projects", new { name = "Launch" }, key, ("Idempotency-Key", "p-1"));
        replay.Headers.GetValues("Idempotency-Replayed").Should().Equal("true");
        (await Send(client, HttpMethod.Get, "/platform/api-keys", null, key)).StatusCode.Should().Be(HttpStatusCode.Forbidden, "the key lacks apikeys.manage");
        var objects = _factory.Services.GetRequiredService<Tenancy.Storage.Objects.ITenantObjectStore>();
        using (Tenancy.AmbientCurrentTenant.Instance.Begin(new Tenancy.TenantInfo("t-newco", "newco", "NewCo")))
        {
            await objects.PutAsync("reports/q1.txt", new MemoryStream("quarterly figures"u8.ToArray()));
        }

        using (var verify = await Send(client, HttpMethod.Get, "/platform/audit/verify", null, owner))
        {
            (await verify.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("isIntact").GetBoolean().Should().BeTrue();
        }

        using (var offboard = await Send(client, HttpMethod.Delete, "/platform/tenants/t-newco?remove=true", null, ("X-Platform-Key", AdminKey)))
        {
            offboard.StatusCode.Should().Be(HttpStatusCode.OK);
            (await offboard.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("finished").GetBoolean().Should().BeTrue();
        }

        (await Send(client, HttpMethod.Get, "/tenant", null, key)).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "its keys are gone");
        (await Send(client, HttpMethod.Get, "/tenant", null, ("X-Tenant", "newco"))).StatusCode.Should().Be(HttpStatusCode.NotFound);
        var export = Directory.GetFiles(_factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().ContentRootPath, "t-newco.zip", SearchOption.AllDirectories).Single();
        using var zip = ZipFile.OpenRead(export);
        zip.Entries.Select(e => e.FullName).Should().Contain(["manifest.json", "data/projects.json", "members/members.json", "objects/reports/q1.txt"]);
        using (var file = new StreamReader(zip.GetEntry("objects/reports/q1.txt")!.Open()))
        {
            (await file.ReadToEndAsync()).Should().Be("quarterly figures");
        }

        (await _factory.Services.GetRequiredService<Tenancy.Storage.Usage.ITenantStorageUsage>().GetUsageAsync("t-newco")).Objects.Should().Be(0, "offboarding purged the tenant's objects");
        using var data = new StreamReader(zip.GetEntry("data/projects.json")!.Open());
        (await data.ReadToEndAsync()).Should().Contain("Launch");
    }

    [Theory]
    [InlineData("T BAD", "bad")]
    [InlineData("t-bad", "Not A Subdomain")]
    public async Task Onboarding_an_invalid_tenant_id_or_identifier_is_400_not_500(string id, string identifier)
    {
        using var client = _factory.CreateClient();

        using var response = await Send(client, HttpMethod.Post, "/platform/tenants", new { id, identifier, name = "Bad", ownerUserId = "olivia" }, ("X-Platform-Key", AdminKey));

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task Export_endpoint_streams_a_complete_zip_with_its_manifest()
    {
        using var client = _factory.CreateClient();

        using var response = await Send(client, HttpMethod.Get, "/platform/tenants/t-globex/export", null, ("X-Platform-Key", AdminKey));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        zip.Entries.Select(e => e.FullName).Should().Contain(["manifest.json", "members/members.json"]);
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object? body, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await client.SendAsync(request);
    }
}
