using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.IdentityModel.Tokens;

namespace Tenancy.Sso.Tests;

public sealed class JwtBearerTests : IAsyncLifetime
{
    private SsoApp _app = null!;

    private TestIssuer Acme => _app.Idp["acme"];

    private TestIssuer Globex => _app.Idp["globex"];

    public async Task InitializeAsync() => _app = await SsoApp.StartAsync();

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_token_from_a_tenants_issuer_authenticates_as_that_tenant()
    {
        var token = TestIdentityProvider.Mint(Acme);

        using var response = await _app.Client.SendAsync(_app.Get("http://localhost/whoami", token));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("tenant").GetString().Should().Be("t-acme");
        body.GetProperty("user").GetString().Should().Be("user-1");
        body.GetProperty("tids").EnumerateArray().Select(e => e.GetString()).Should().Equal("t-acme");
    }

    [Fact]
    public async Task An_ec_signed_token_and_an_access_token_audience_are_accepted()
    {
        var token = TestIdentityProvider.Mint(Acme, new Dictionary<string, object> { ["aud"] = "api://t-acme" }, key: Acme.CurrentEc);

        (await _app.StatusAsync("http://acme.app.test/whoami", token)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_from_the_other_tenants_issuer_is_a_conflict_at_this_tenants_host_and_header()
    {
        var globexToken = TestIdentityProvider.Mint(Globex);

        (await _app.StatusAsync("http://acme.app.test/whoami", globexToken)).Should().Be(HttpStatusCode.Forbidden);
        (await _app.StatusAsync("http://localhost/whoami", globexToken, ("X-Tenant", "acme"))).Should().Be(HttpStatusCode.Forbidden);
        (await _app.StatusAsync("http://globex.app.test/whoami", globexToken)).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_token_naming_the_other_tenants_issuer_but_signed_with_this_issuers_key_is_refused()
    {
        var forged = TestIdentityProvider.Mint(Acme, issuerValue: Globex.Issuer, claims: new Dictionary<string, object> { ["aud"] = Globex.ClientId });

        (await _app.StatusAsync("http://globex.app.test/whoami", forged)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_from_an_issuer_no_tenant_trusts_is_401_with_a_problem_body()
    {
        var stranger = _app.Idp.AddIssuer("stranger");

        using var response = await _app.Client.SendAsync(_app.Get("http://acme.app.test/whoami", TestIdentityProvider.Mint(stranger)));

        response.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().Should().Contain("invalid_token");
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString().Should().Be("urn:tenancy:problem:invalid-token");
        stranger.JwksFetches.Should().Be(0, "an issuer no tenant trusts is never contacted");
    }

    [Fact]
    public async Task An_unsigned_token_with_alg_none_is_refused()
    {
        var token = TestIdentityProvider.Forge(new { alg = "none", typ = "JWT" }, TestIdentityProvider.Claims(Acme));

        (await _app.StatusAsync("http://acme.app.test/whoami", token)).Should().Be(HttpStatusCode.Unauthorized);
        (await _app.StatusAsync("http://acme.app.test/whoami", token[..^1] + "x")).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_hs256_token_signed_with_the_public_key_is_refused()
    {
        var rsa = (RsaSecurityKey)Acme.CurrentRsa.Key;
        var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = rsa.KeyId });
        foreach (var secret in new[] { Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { kty = "RSA", n = jwk.N, e = jwk.E })), rsa.Rsa.ExportSubjectPublicKeyInfo(), Base64UrlEncoder.DecodeBytes(jwk.N) })
        {
            var token = TestIdentityProvider.Forge(new { alg = "HS256", typ = "JWT", kid = rsa.KeyId }, TestIdentityProvider.Claims(Acme), data => HMACSHA256.HashData(secret, data));

            (await _app.StatusAsync("http://acme.app.test/whoami", token)).Should().Be(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        var token = TestIdentityProvider.Mint(Acme, now: DateTimeOffset.UtcNow.AddHours(-1), lifetime: TimeSpan.FromMinutes(10));

        (await _app.StatusAsync("http://acme.app.test/whoami", token)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused()
    {
        var token = TestIdentityProvider.Mint(Acme, new Dictionary<string, object> { ["aud"] = "api://t-globex" });

        (await _app.StatusAsync("http://acme.app.test/whoami", token)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_tenant_claim_that_disagrees_with_the_issuer_is_refused()
    {
        var token = TestIdentityProvider.Mint(Acme, new Dictionary<string, object> { ["tid"] = "t-globex" });

        (await _app.StatusAsync("http://globex.app.test/whoami", token)).Should().Be(HttpStatusCode.Unauthorized);
        (await _app.StatusAsync("http://localhost/whoami", token)).Should().Be(HttpStatusCode.Unauthorized);
        (await _app.StatusAsync("http://localhost/whoami", TestIdentityProvider.Mint(Acme, new Dictionary<string, object> { ["tid"] = "t-acme" }))).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_flood_of_unknown_key_ids_fetches_the_key_set_at_most_once()
    {
        (await _app.StatusAsync("http://acme.app.test/whoami", TestIdentityProvider.Mint(Acme))).Should().Be(HttpStatusCode.OK);
        var before = Acme.JwksFetches;

        var attacker = new RsaSecurityKey(RSA.Create(2048));
        var tasks = Enumerable.Range(0, 50).Select(i =>
        {
            attacker.KeyId = "forged-" + i;
            var token = TestIdentityProvider.Mint(Acme, key: (new RsaSecurityKey(attacker.Rsa) { KeyId = "forged-" + i }, SecurityAlgorithms.RsaSha256));
            return _app.StatusAsync("http://acme.app.test/whoami", token);
        }).ToArray();

        (await Task.WhenAll(tasks)).Should().AllBeEquivalentTo(HttpStatusCode.Unauthorized);
        (Acme.JwksFetches - before).Should().BeLessThanOrEqualTo(1);
        (await _app.StatusAsync("http://acme.app.test/whoami", TestIdentityProvider.Mint(Acme))).Should().Be(HttpStatusCode.OK, "the real keys still work");
    }

    [Fact]
    public async Task A_rotated_key_validates_its_first_token_with_one_fetch()
    {
        (await _app.StatusAsync("http://acme.app.test/whoami", TestIdentityProvider.Mint(Acme))).Should().Be(HttpStatusCode.OK);
        var before = Acme.JwksFetches;
        var rotated = Acme.RotateRsa();

        (await _app.StatusAsync("http://acme.app.test/whoami", TestIdentityProvider.Mint(Acme, key: rotated))).Should().Be(HttpStatusCode.OK);
        (await _app.StatusAsync("http://acme.app.test/whoami", TestIdentityProvider.Mint(Acme, key: rotated))).Should().Be(HttpStatusCode.OK);
        (Acme.JwksFetches - before).Should().Be(1);
    }

    [Fact]
    public async Task A_warm_token_is_validated_without_contacting_the_provider()
    {
        (await _app.StatusAsync("http://acme.app.test/whoami", TestIdentityProvider.Mint(Acme))).Should().Be(HttpStatusCode.OK);
        var before = Acme.JwksFetches;

        for (var i = 0; i < 20; i++)
        {
            (await _app.StatusAsync("http://acme.app.test/whoami", TestIdentityProvider.Mint(Acme, key: i % 2 == 0 ? Acme.CurrentRsa : Acme.CurrentEc))).Should().Be(HttpStatusCode.OK);
        }

        Acme.JwksFetches.Should().Be(before);
    }

    [Fact]
    public async Task A_suspended_tenants_token_is_423_and_a_removed_providers_token_is_401()
    {
        (await _app.StatusAsync("http://localhost/whoami", TestIdentityProvider.Mint(_app.Idp["initech"]))).Should().Be((HttpStatusCode)423);
        (await _app.StatusAsync("http://localhost/public", TestIdentityProvider.Mint(_app.Idp["initech"]))).Should().Be((HttpStatusCode)423);

        await _app.Sso.DeleteAsync("t-globex");

        (await _app.StatusAsync("http://globex.app.test/whoami", TestIdentityProvider.Mint(Globex))).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_multi_tenant_issuer_with_a_tenant_placeholder_maps_only_the_configured_provider_tenant()
    {
        var entra = _app.Idp["entra"];
        string Issuer(string id) => _app.Idp.BaseAddress + $"/entra/{id}/v2.0";

        var good = TestIdentityProvider.Mint(entra, new Dictionary<string, object> { ["tid"] = SsoApp.EntraTenantId }, issuerValue: Issuer(SsoApp.EntraTenantId));
        (await _app.StatusAsync("http://localhost/whoami", good)).Should().Be(HttpStatusCode.OK);

        var otherEntraTenant = Guid.NewGuid().ToString();
        var stranger = TestIdentityProvider.Mint(entra, new Dictionary<string, object> { ["tid"] = otherEntraTenant }, issuerValue: Issuer(otherEntraTenant));
        (await _app.StatusAsync("http://localhost/whoami", stranger)).Should().Be(HttpStatusCode.Unauthorized);

        var mismatched = TestIdentityProvider.Mint(entra, new Dictionary<string, object> { ["tid"] = otherEntraTenant }, issuerValue: Issuer(SsoApp.EntraTenantId));
        (await _app.StatusAsync("http://localhost/whoami", mismatched)).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Anonymous_callers_and_opaque_or_broken_bearer_values_are_never_a_tenant_principal()
    {
        (await _app.StatusAsync("http://acme.app.test/whoami")).Should().Be(HttpStatusCode.Unauthorized);
        (await _app.StatusAsync("http://acme.app.test/whoami", "opaque-scim-token")).Should().Be(HttpStatusCode.Unauthorized);
        (await _app.StatusAsync("http://localhost/public", "opaque-scim-token")).Should().Be(HttpStatusCode.OK, "non-JWT bearer values are left to other schemes");
        (await _app.StatusAsync("http://acme.app.test/whoami", "a.b.c")).Should().Be(HttpStatusCode.Unauthorized);
        (await _app.StatusAsync("http://localhost/public", "a.b.c")).Should().Be(HttpStatusCode.Unauthorized, "a broken JWT is refused everywhere");
        var token = TestIdentityProvider.Mint(Acme);
        (await _app.StatusAsync("http://acme.app.test/whoami", token[..^4] + "AAAA")).Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task An_issuer_is_trusted_by_one_tenant_only()
    {
        var act = () => _app.Sso.SaveAsync(SsoApp.Settings("t-globex", Acme));

        await act.Should().ThrowAsync<InvalidOperationException>();
        (await _app.StatusAsync("http://acme.app.test/whoami", TestIdentityProvider.Mint(Acme))).Should().Be(HttpStatusCode.OK);
        (await _app.StatusAsync("http://globex.app.test/whoami", TestIdentityProvider.Mint(Globex))).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Validated_and_rejected_tokens_and_key_fetches_are_counted_with_the_reason_and_tenant()
    {
        var meters = _app.Services.GetRequiredService<IMeterFactory>();
        using var tokens = new MetricCollector<long>(meters, "Tenancy.AspNetCore", "tenancy.sso.tokens");
        using var fetches = new MetricCollector<long>(meters, "Tenancy.AspNetCore", "tenancy.sso.metadata.fetches");

        await _app.StatusAsync("http://acme.app.test/whoami", TestIdentityProvider.Mint(Acme));
        await _app.StatusAsync("http://acme.app.test/whoami", TestIdentityProvider.Mint(Acme, new Dictionary<string, object> { ["tid"] = "t-globex" }));

        var measurements = tokens.GetMeasurementSnapshot();
        measurements.Should().HaveCount(2);
        measurements[0].Tags["tenancy.sso.outcome"].Should().Be("validated");
        measurements[0].Tags["tenancy.tenant.id"].Should().Be("t-acme");
        measurements[1].Tags["error.type"].Should().Be("the tenant claim disagrees with the issuer");
        fetches.GetMeasurementSnapshot().Should().ContainSingle().Which.Tags["tenancy.sso.fetch_reason"].Should().Be("first use");
    }
}
