using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tenancy.Sso.Tests.Infrastructure;

/// <summary>
/// A small but real OpenID Connect provider on loopback Kestrel: per issuer a discovery document, a JWKS (RSA and EC keys,
/// rotatable), an authorize endpoint (code flow; PKCE S256 required) and a token endpoint (client secret, redirect URI and
/// PKCE verifier checked, codes used once). It counts JWKS fetches per issuer.
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, TestIssuer> _issuers = new(StringComparer.Ordinal);

    private TestIdentityProvider(WebApplication app, string baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public string BaseAddress { get; }

    public TestIssuer this[string name] => _issuers[name];

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        TestIdentityProvider? provider = null;
        app.MapGet("/{name}/.well-known/openid-configuration", (string name) => provider!.Find(name) is { } i
            ? Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = i.MetadataIssuer,
                ["jwks_uri"] = i.Endpoint + "/jwks",
                ["authorization_endpoint"] = i.Endpoint + "/authorize",
                ["token_endpoint"] = i.Endpoint + "/token",
                ["response_types_supported"] = new[] { "code" },
                ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
            })
            : Results.NotFound());
        app.MapGet("/{name}/jwks", (string name) => provider!.Find(name) is { } i
            ? Results.Text(JsonSerializer.Serialize(new { keys = i.PublicJwks().Select(ToJson) }), "application/json")
            : Results.NotFound());
        app.MapGet("/{name}/authorize", (string name, HttpRequest request) => provider!.Authorize(name, request));
        app.MapPost("/{name}/token", (string name, HttpRequest request) => provider!.TokenAsync(name, request));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        provider = new TestIdentityProvider(app, address);
        return provider;
    }

    public TestIssuer AddIssuer(string name, string? metadataIssuer = null)
    {
        var issuer = new TestIssuer(name, BaseAddress, metadataIssuer);
        _issuers.Add(name, issuer);
        return issuer;
    }

    /// <summary>Mints a signed token. <paramref name="claims"/> override the defaults (iss, sub, aud, exp, iat, nbf).</summary>
    public static string Mint(TestIssuer issuer, IDictionary<string, object>? claims = null, (SecurityKey Key, string Algorithm)? key = null, string? issuerValue = null, TimeSpan? lifetime = null, DateTimeOffset? now = null)
    {
        var (signingKey, algorithm) = key ?? issuer.CurrentRsa;
        var at = now ?? DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object>
        {
            ["iss"] = issuerValue ?? issuer.Issuer,
            ["sub"] = "user-1",
            ["aud"] = issuer.ClientId,
            ["iat"] = at.ToUnixTimeSeconds(),
            ["nbf"] = at.AddSeconds(-5).ToUnixTimeSeconds(),
            ["exp"] = at.Add(lifetime ?? TimeSpan.FromMinutes(10)).ToUnixTimeSeconds(),
        };
        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
        {
            payload[name] = value;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(
            JsonSerializer.Serialize(payload), new SigningCredentials(signingKey, algorithm));
    }

    /// <summary>Builds an unsigned token (<c>alg: none</c>) or one with a hand-made header and signature.</summary>
    public static string Forge(object header, IDictionary<string, object> payload, Func<byte[], byte[]>? sign = null)
    {
        var head = Base64UrlEncoder.Encode(JsonSerializer.Serialize(header));
        var body = Base64UrlEncoder.Encode(JsonSerializer.Serialize(payload));
        var signature = sign is null ? string.Empty : Base64UrlEncoder.Encode(sign(Encoding.ASCII.GetBytes(head + "." + body)));
        return $"{head}.{body}.{signature}";
    }

    public static Dictionary<string, object> Claims(TestIssuer issuer, string? issuerValue = null, DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        return new Dictionary<string, object>
        {
            ["iss"] = issuerValue ?? issuer.Issuer,
            ["sub"] = "user-1",
            ["aud"] = issuer.ClientId,
            ["iat"] = at.ToUnixTimeSeconds(),
            ["exp"] = at.AddMinutes(10).ToUnixTimeSeconds(),
        };
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    private TestIssuer? Find(string name) => _issuers.GetValueOrDefault(name);

    private IResult Authorize(string name, HttpRequest request)
    {
        if (Find(name) is not { } issuer)
        {
            return Results.NotFound();
        }

        var q = request.Query;
        if (q["client_id"] != issuer.ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["redirect_uri"]) || string.IsNullOrEmpty(q["state"]))
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        issuer.Codes[code] = new TestPendingCode(issuer.ClientId, q["redirect_uri"]!, q["nonce"].ToString(), q["code_challenge"]!, issuer.User);
        return Results.Redirect($"{q["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"]!)}");
    }

    private async Task<IResult> TokenAsync(string name, HttpRequest request)
    {
        if (Find(name) is not { } issuer || !request.HasFormContentType)
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }

        var form = await request.ReadFormAsync();
        if (form["grant_type"] != "authorization_code" || !issuer.Codes.TryRemove(form["code"].ToString(), out var pending))
        {
            return Results.BadRequest(new { error = "invalid_grant" });
        }

        var verifier = form["code_verifier"].ToString();
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        if (form["client_id"] != pending.ClientId || form["client_secret"] != issuer.ClientSecret || form["redirect_uri"] != pending.RedirectUri
            || verifier.Length < 43 || challenge != pending.CodeChallenge)
        {
            return Results.BadRequest(new { error = "invalid_grant" });
        }

        var user = pending.User;
        var claims = new Dictionary<string, object> { ["sub"] = user.Subject, ["nonce"] = pending.Nonce };
        if (user.Email is not null)
        {
            claims["email"] = user.Email;
            claims["email_verified"] = user.EmailVerified;
        }

        if (user.Name is not null)
        {
            claims["name"] = user.Name;
        }

        if (user.TenantClaim is not null)
        {
            claims["tid"] = user.TenantClaim;
        }

        var idToken = issuer.IdTokenOverride?.Invoke(pending) ?? Mint(issuer, claims);
        return Results.Json(new { id_token = idToken, access_token = "opaque", token_type = "Bearer", expires_in = 600 });
    }

    private static Dictionary<string, object> ToJson(JsonWebKey key)
    {
        var json = new Dictionary<string, object> { ["kty"] = key.Kty, ["kid"] = key.Kid, ["use"] = "sig" };
        if (key.Kty == "RSA")
        {
            json["n"] = key.N;
            json["e"] = key.E;
            json["alg"] = "RS256";
        }
        else
        {
            json["crv"] = key.Crv;
            json["x"] = key.X;
            json["y"] = key.Y;
            json["alg"] = "ES256";
        }

        return json;
    }
}
