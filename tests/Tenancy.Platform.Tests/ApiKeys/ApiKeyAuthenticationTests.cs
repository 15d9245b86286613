using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Tenancy.ApiKeys;

namespace Tenancy.Platform.Tests.ApiKeys;

public sealed class ApiKeyAuthenticationTests : IAsyncLifetime
{
    private PlatformApp _app = null!;

    public async Task InitializeAsync() => _app = await PlatformApp.StartAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_valid_key_authenticates_and_makes_its_tenant_current()
    {
        var key = await _app.Keys.CreateAsync("acme", new TenantApiKeyRequest("ci"));

        foreach (var request in new[] { Get("/secure", ("Authorization", "ApiKey " + key.Token)), Get("/secure", ("X-Api-Key", key.Token)) })
        {
            var response = await _app.Client.SendAsync(request);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("tenant").GetString().Should().Be("acme");
        }
    }

    [Fact]
    public async Task A_key_of_one_tenant_with_a_header_naming_another_is_forbidden()
    {
        var key = await _app.Keys.CreateAsync("acme", new TenantApiKeyRequest("ci"));

        var response = await _app.Client.SendAsync(Get("/whoami", ("Authorization", "ApiKey " + key.Token), ("X-Tenant", "globex")));

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
        var agreeing = await _app.Client.SendAsync(Get("/whoami", ("Authorization", "ApiKey " + key.Token), ("X-Tenant", "acme")));
        agreeing.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Invalid_expired_and_revoked_keys_get_the_same_401_problem()
    {
        var expired = await _app.Keys.CreateAsync("acme", new TenantApiKeyRequest("e", ExpiresAt: _app.Time.GetUtcNow().AddMinutes(1)));
        var revoked = await _app.Keys.CreateAsync("acme", new TenantApiKeyRequest("r"));
        await _app.Keys.RevokeAsync("acme", revoked.Key.Id);
        _app.Time.Advance(TimeSpan.FromMinutes(2));

        var bodies = new List<string>();
        foreach (var token in new[] { expired.Token, revoked.Token, revoked.Token[..^3] + "abc", "tnc_live_nonsense", "" })
        {
            var response = await _app.Client.SendAsync(Get("/secure", ("Authorization", "ApiKey " + token)));
            response.StatusCode.Should().Be(HttpStatusCode.Unauthorized, token);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            response.Headers.WwwAuthenticate.ToString().Should().Be("ApiKey");
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            bodies.Add(problem.GetProperty("type").GetString() + "|" + problem.GetProperty("detail").GetString());
        }

        bodies.Distinct().Should().ContainSingle().Which.Should().Be("urn:tenancy:problem:invalid-credentials|The API key is not valid.");
    }

    [Fact]
    public async Task Two_keys_in_one_request_are_refused()
    {
        var key = await _app.Keys.CreateAsync("acme", new TenantApiKeyRequest("ci"));
        var request = Get("/secure");
        request.Headers.TryAddWithoutValidation("X-Api-Key", [key.Token, key.Token]);

        (await _app.Client.SendAsync(request)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_key_of_a_suspended_tenant_is_refused()
    {
        var key = await _app.Keys.CreateAsync("initech", new TenantApiKeyRequest("ci"));

        var response = await _app.Client.SendAsync(Get("/secure", ("Authorization", "ApiKey " + key.Token)));

        response.StatusCode.Should().Be((HttpStatusCode)423);
    }

    [Fact]
    public async Task Key_scopes_act_as_permissions_in_the_keys_own_tenant_only()
    {
        var reader = await _app.Keys.CreateAsync("acme", new TenantApiKeyRequest("reader", ["data.read"]));
        var other = await _app.Keys.CreateAsync("acme", new TenantApiKeyRequest("other", ["billing.read"]));

        (await _app.Client.SendAsync(Get("/data", ("Authorization", "ApiKey " + reader.Token)))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.Client.SendAsync(Get("/data", ("Authorization", "ApiKey " + other.Token)))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _app.Client.SendAsync(Get("/admin", ("Authorization", "ApiKey " + reader.Token)))).StatusCode.Should().Be(HttpStatusCode.Forbidden, "keys hold no roles");
    }

    internal static HttpRequestMessage Get(string path, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }
}
