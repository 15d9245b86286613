using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Tenancy.Sample.Host.Sso;

/// <summary>
/// DEV ONLY — NEVER DEPLOY. A tiny in-process OpenID Connect provider at <c>/dev-idp/{provider}/…</c> so the README can show
/// signing in through "a tenant's own provider" without an Entra ID or Okta account: discovery, JWKS (an RSA and an EC key
/// made at start-up), authorize (a one-field form, or <c>login_hint</c> for curl; PKCE S256 required), and token
/// (<c>authorization_code</c> with PKCE and the client secret, and <c>client_credentials</c> for a bearer token). It
/// believes whatever e-mail address you type: it exists to exercise the app's side of the protocol.
/// </summary>
public sealed class DevIdentityProvider
{
    private readonly RsaSecurityKey _rsa = new(RSA.Create(2048)) { KeyId = "dev-rsa-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) };
    private readonly ECDsaSecurityKey _ec = new(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = "dev-ec-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)) };
    private readonly ConcurrentDictionary<string, (string Provider, string ClientId, string RedirectUri, string Nonce, string Challenge, string Email, DateTimeOffset Expires)> _codes = new(StringComparer.Ordinal);

    /// <summary>Creates the provider.</summary>
    /// <param name="baseAddress">Where <c>/dev-idp</c> is reached, such as <c>http://localhost:5000/dev-idp</c>.</param>
    /// <param name="clientId">The one client it knows.</param>
    /// <param name="clientSecret">That client's secret.</param>
    public DevIdentityProvider(string baseAddress, string clientId, string clientSecret)
    {
        BaseAddress = baseAddress.TrimEnd('/');
        ClientId = clientId;
        ClientSecret = clientSecret;
    }

    /// <summary>Where <c>/dev-idp</c> is reached.</summary>
    public string BaseAddress { get; }

    /// <summary>The client id.</summary>
    public string ClientId { get; }

    /// <summary>The client secret.</summary>
    public string ClientSecret { get; }

    /// <summary>The issuer of a provider name (one per demo tenant).</summary>
    /// <param name="provider">The provider name.</param>
    /// <returns>The issuer.</returns>
    public string IssuerOf(string provider) => $"{BaseAddress}/{provider}";

    /// <summary>Maps the provider's endpoints (no tenant; anonymous).</summary>
    /// <param name="app">The application.</param>
    /// <param name="providers">The provider names it serves, with the audience of their access tokens.</param>
    public void Map(WebApplication app, IReadOnlyDictionary<string, string> providers)
    {
        var group = app.MapGroup("/dev-idp/{provider}").AllowWithoutTenant().AllowAnonymous().DisableAntiforgery();
        group.AddEndpointFilter(async (context, next) =>
            providers.ContainsKey((string)context.HttpContext.Request.RouteValues["provider"]!) ? await next(context) : Results.NotFound());
        group.MapGet("/.well-known/openid-configuration", (string provider) => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = IssuerOf(provider),
            ["jwks_uri"] = IssuerOf(provider) + "/jwks",
            ["authorization_endpoint"] = IssuerOf(provider) + "/authorize",
            ["token_endpoint"] = IssuerOf(provider) + "/token",
            ["response_types_supported"] = new[] { "code" },
            ["grant_types_supported"] = new[] { "authorization_code", "client_credentials" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
        }));
        group.MapGet("/jwks", () => Results.Text(JsonSerializer.Serialize(new { keys = new object[] { Public(_rsa), Public(_ec) } }), "application/json"));
        group.MapGet("/authorize", (string provider, HttpRequest request) => Authorize(provider, request));
        group.MapPost("/token", (string provider, HttpRequest request) => TokenAsync(provider, providers[provider], request));
    }

    private IResult Authorize(string provider, HttpRequest request)
    {
        var q = request.Query;
        if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256"
            || string.IsNullOrEmpty(q["code_challenge"]) || string.IsNullOrEmpty(q["state"])
            || !Uri.TryCreate(q["redirect_uri"], UriKind.Absolute, out var redirect) || redirect.Scheme is not ("http" or "https"))
        {
            return Results.Problem(statusCode: 400, title: "invalid_request", detail: "client_id, response_type=code, redirect_uri, state and an S256 code_challenge are required.");
        }

        var email = q["login_hint"].ToString();
        if (email.Length is 0 or > 254 || !email.Contains('@', StringComparison.Ordinal))
        {
            // A one-field sign-in form that comes back here with login_hint (all other parameters carried as hidden fields).
            var hidden = string.Concat(q.Where(p => p.Key != "login_hint").Select(p => $"<input type=\"hidden\" name=\"{WebUtility.HtmlEncode(p.Key)}\" value=\"{WebUtility.HtmlEncode(p.Value.ToString())}\">"));
            return Results.Content(
                $"<!doctype html><meta charset=utf-8><title>Dev IdP {WebUtility.HtmlEncode(provider)}</title><body style=\"font-family:sans-serif;max-width:30em;margin:3em auto\"><h1>Dev identity provider: {WebUtility.HtmlEncode(provider)}</h1><p><b>Development only.</b> Any address is believed.</p><form method=get>{hidden}<label>E-mail <input name=login_hint type=email required autofocus></label> <button>Sign in</button></form>",
                "text/html");
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(24));
        _codes[code] = (provider, ClientId, redirect.ToString(), q["nonce"].ToString(), q["code_challenge"].ToString(), email, DateTimeOffset.UtcNow.AddMinutes(2));
        return Results.Redirect($"{redirect}{(redirect.Query.Length > 0 ? "&" : "?")}code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(q["state"]!)}");
    }

    private async Task<IResult> TokenAsync(string provider, string audience, HttpRequest request)
    {
        if (!request.HasFormContentType)
        {
            return Results.BadRequest(new { error = "invalid_request" });
        }

        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        if (form["client_id"] != ClientId || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(form["client_secret"].ToString()), Encoding.UTF8.GetBytes(ClientSecret)))
        {
            return Results.BadRequest(new { error = "invalid_client" });
        }

        var now = DateTimeOffset.UtcNow;
        if (form["grant_type"] == "client_credentials")
        {
            var access = Mint(provider, new() { ["sub"] = "client:" + ClientId, ["aud"] = audience, ["scp"] = "api" }, now, _rsa, SecurityAlgorithms.RsaSha256);
            return Results.Json(new { access_token = access, token_type = "Bearer", expires_in = 600 });
        }

        if (form["grant_type"] != "authorization_code" || !_codes.TryRemove(form["code"].ToString(), out var pending) || pending.Provider != provider
            || pending.Expires < now || form["redirect_uri"] != pending.RedirectUri
            || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != pending.Challenge)
        {
            return Results.BadRequest(new { error = "invalid_grant" });
        }

        var subject = "dev-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(provider + "|" + pending.Email.ToLowerInvariant())))[..16];
        var idToken = Mint(provider, new()
        {
            ["sub"] = subject,
            ["aud"] = ClientId,
            ["nonce"] = pending.Nonce,
            ["email"] = pending.Email,
            ["email_verified"] = true,
            ["name"] = pending.Email[..pending.Email.IndexOf('@', StringComparison.Ordinal)],
        }, now, _ec, SecurityAlgorithms.EcdsaSha256);
        return Results.Json(new { id_token = idToken, token_type = "Bearer", expires_in = 600 });
    }

    private string Mint(string provider, Dictionary<string, object> claims, DateTimeOffset now, SecurityKey key, string algorithm)
    {
        claims["iss"] = IssuerOf(provider);
        claims["iat"] = now.ToUnixTimeSeconds();
        claims["exp"] = now.AddMinutes(10).ToUnixTimeSeconds();
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(JsonSerializer.Serialize(claims), new SigningCredentials(key, algorithm));
    }

    private static Dictionary<string, string> Public(SecurityKey key) => key switch
    {
        RsaSecurityKey rsa => Jwk(JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = rsa.KeyId }), "RS256"),
        ECDsaSecurityKey ec => Jwk(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec.ECDsa.ExportParameters(false))) { KeyId = ec.KeyId }), "ES256"),
        _ => throw new InvalidOperationException("Unknown key type."),
    };

    private static Dictionary<string, string> Jwk(JsonWebKey key, string algorithm) => key.Kty == "RSA"
        ? new() { ["kty"] = "RSA", ["kid"] = key.Kid, ["use"] = "sig", ["alg"] = algorithm, ["n"] = key.N, ["e"] = key.E }
        : new() { ["kty"] = "EC", ["kid"] = key.Kid, ["use"] = "sig", ["alg"] = algorithm, ["crv"] = key.Crv, ["x"] = key.X, ["y"] = key.Y };
}
