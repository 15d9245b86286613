using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;
using Tenancy.ApiKeys;
using Tenancy.AspNetCore.Authentication;
using Tenancy.AspNetCore.Problems;

namespace Tenancy.AspNetCore.ApiKeys;

/// <summary>
/// Authenticates <c>Authorization: ApiKey tnc_live_…</c> (or the <c>X-Api-Key</c> header) with <see cref="TenantApiKeyService"/>.
/// A valid key gives a principal with the key's tenant as the tenant claim, so tenant resolution treats it as the
/// authenticated tenant (a header naming another tenant is refused with 403). Any invalid key (unknown, wrong, expired,
/// revoked, malformed) is answered 401 with the same problem body, on every endpoint. No key → no result, so other schemes may run.
/// </summary>
internal sealed class TenantApiKeyAuthenticationHandler(
    IOptionsMonitor<TenantApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TenantApiKeyService keys,
    IProblemDetailsService? problemDetails = null)
    : TenantAuthenticationHandler<TenantApiKeyAuthenticationOptions>(options, logger, encoder, problemDetails)
{
    /// <inheritdoc />
    protected override TenancyProblem ForbiddenProblem => TenancyProblem.Forbidden;

    /// <summary>
    /// A presented key that does not authenticate ends the request with 401 whatever the endpoint, before the default
    /// scheme and tenant resolution, so a bad key is never served as anonymous (nor turns into a "tenant required" 400).
    /// </summary>
    protected override async Task<bool> HandleFailedAuthenticationAsync(AuthenticateResult result)
    {
        await HandleChallengeAsync(new AuthenticationProperties());
        return true;
    }

    private static readonly AuthenticateResult Invalid = AuthenticateResult.Fail("Invalid API key.");

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request.Headers);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        var result = await keys.ValidateAsync(token, Context.RequestAborted);
        if (!result.Succeeded)
        {
            return Invalid;
        }

        var key = result.Key!;
        var claims = new List<Claim>(3 + key.Scopes.Count)
        {
            new(Options.TenantClaimType, key.TenantId),
            new(TenantApiKeyDefaults.KeyIdClaimType, key.Id),
            new(ClaimTypes.NameIdentifier, "apikey:" + key.Id),
        };
        foreach (var scope in key.Scopes)
        {
            claims.Add(new Claim(TenantApiKeyDefaults.ScopeClaimType, scope));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        WriteChallengeAsync(TenantApiKeyDefaults.AuthorizationScheme, TenancyProblem.InvalidCredentials);

    private string? ReadToken(IHeaderDictionary headers)
    {
        var authorization = headers.Authorization;
        if (authorization.Count == 1 && authorization[0] is { } value
            && value.StartsWith(TenantApiKeyDefaults.AuthorizationScheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return value[(TenantApiKeyDefaults.AuthorizationScheme.Length + 1)..].Trim();
        }

        if (authorization.Count == 1 && string.Equals(authorization[0]?.Trim(), TenantApiKeyDefaults.AuthorizationScheme, StringComparison.OrdinalIgnoreCase))
        {
            return string.Empty; // The scheme without a key is an invalid key.
        }

        if (Options.HeaderName is { } name && headers.TryGetValue(name, out StringValues values))
        {
            return values.Count == 1 ? values[0] ?? string.Empty : string.Empty; // Two keys are an invalid key, not none.
        }

        return null;
    }
}
