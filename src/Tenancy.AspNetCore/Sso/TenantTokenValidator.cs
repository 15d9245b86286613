using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tenancy.AspNetCore.Diagnostics;
using Tenancy.Sso;

namespace Tenancy.AspNetCore.Sso;

/// <summary>
/// Validates a JWT against the one tenant whose provider issued it. The tenant is decided by the token's issuer looked up in
/// <see cref="TenantSsoService"/>'s index, then the signature is checked with that provider's keys only, with asymmetric
/// algorithms only, and the audience, lifetime, required claims and tenant claim with that tenant's settings. A warm token
/// (keys cached, parameters built) costs no I/O: the parameters are built once per tenant and key set.
/// </summary>
internal sealed class TenantTokenValidator(
    TenantSsoService sso, OidcMetadataCache metadata, IOptions<TenantSsoOptions> options, TimeProvider time, AspNetCoreMetrics metrics, ILogger<TenantTokenValidator> logger)
{
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TenantSsoOptions _options = options.Value;
    private readonly ConcurrentDictionary<(string TenantId, TenantTokenKind Kind), CachedParameters> _parameters = new();

    /// <summary>Validates an access token from whichever tenant's issuer it names.</summary>
    public async ValueTask<TenantTokenValidation> ValidateAccessTokenAsync(string token, string authenticationType, CancellationToken cancellationToken)
    {
        if (Read(token) is not { } jwt)
        {
            return Reject("malformed token");
        }

        await sso.EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        if (sso.FindByIssuer(jwt.Issuer) is not { } settings)
        {
            return Reject("no tenant trusts the issuer");
        }

        return await ValidateAsync(jwt, settings, TenantTokenKind.Access, null, authenticationType, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Validates an id token against one tenant's provider only (the tenant of the sign-in), with its nonce.</summary>
    public async ValueTask<TenantTokenValidation> ValidateIdTokenAsync(string token, TenantSsoSettings settings, string nonce, CancellationToken cancellationToken)
    {
        if (Read(token) is not { } jwt)
        {
            return Reject("malformed id token");
        }

        if (!string.Equals(jwt.Issuer, settings.EffectiveIssuer, StringComparison.Ordinal))
        {
            return Reject("the id token's issuer is not the tenant's provider");
        }

        return await ValidateAsync(jwt, settings, TenantTokenKind.Id, nonce, "sso", cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask<TenantTokenValidation> ValidateAsync(
        JsonWebToken jwt, TenantSsoSettings settings, TenantTokenKind kind, string? nonce, string authenticationType, CancellationToken cancellationToken)
    {
        if (!_options.ValidAlgorithms.Contains(jwt.Alg))
        {
            return Reject("algorithm not allowed");
        }

        if (await metadata.GetAsync(settings.EffectiveMetadataAddress, cancellationToken).ConfigureAwait(false) is not { Current: not null } entry)
        {
            return Reject("the provider's keys are unavailable");
        }

        if (jwt.Kid is { Length: > 0 } kid && !entry.Current!.KeyIds.Contains(kid))
        {
            await metadata.RefreshForUnknownKeyAsync(entry, cancellationToken).ConfigureAwait(false);
            if (!entry.Current!.KeyIds.Contains(kid))
            {
                return Reject("unknown signing key");
            }
        }

        var snapshot = entry.Current!;
        if (!IssuerMatches(snapshot.Configuration.Issuer, settings))
        {
            return Reject("the discovery document names another issuer");
        }

        var parameters = GetParameters(settings, kind, snapshot);
        var result = await _handler.ValidateTokenAsync(jwt, parameters).ConfigureAwait(false);
        if (!result.IsValid || result.ClaimsIdentity is null)
        {
            return Reject(result.Exception?.GetType().Name ?? "invalid token");
        }

        if (string.IsNullOrEmpty(jwt.Subject))
        {
            return Reject("no subject");
        }

        foreach (var required in settings.RequiredClaims)
        {
            if (!jwt.TryGetClaim(required, out _))
            {
                return Reject("a required claim is missing");
            }
        }

        if (jwt.TryGetClaim(settings.TenantClaim, out var tenantClaim)
            && !(tenantClaim.Value == settings.TenantId || (settings.IssuerTenantId is { } idpTenant && string.Equals(tenantClaim.Value, idpTenant, StringComparison.OrdinalIgnoreCase))))
        {
            return Reject("the tenant claim disagrees with the issuer");
        }

        if (kind == TenantTokenKind.Id && (!jwt.TryGetPayloadValue<string>("nonce", out var tokenNonce) || !string.Equals(tokenNonce, nonce, StringComparison.Ordinal)))
        {
            return Reject("the nonce does not match");
        }

        metrics.SsoTokenValidated(settings.TenantId);
        return new TenantTokenValidation(settings, BuildIdentity(result.ClaimsIdentity, settings, authenticationType), null);
    }

    private ClaimsIdentity BuildIdentity(ClaimsIdentity validated, TenantSsoSettings settings, string authenticationType)
    {
        // The provider's own tenant claim (an Entra tenant GUID, say) would be read as this app's tenant: it is dropped and the
        // tenant the validated issuer maps to is the one tenant claim the principal carries.
        var identity = new ClaimsIdentity(authenticationType, "name", "roles");
        foreach (var claim in validated.Claims)
        {
            if (!string.Equals(claim.Type, _options.TenantClaimType, StringComparison.OrdinalIgnoreCase)
                && !string.Equals(claim.Type, settings.TenantClaim, StringComparison.OrdinalIgnoreCase))
            {
                identity.AddClaim(claim);
            }
        }

        identity.AddClaim(new Claim(_options.TenantClaimType, settings.TenantId, ClaimValueTypes.String, settings.EffectiveIssuer));
        return identity;
    }

    private TokenValidationParameters GetParameters(TenantSsoSettings settings, TenantTokenKind kind, OidcMetadataSnapshot snapshot)
    {
        var key = (settings.TenantId, kind);
        if (_parameters.TryGetValue(key, out var cached) && ReferenceEquals(cached.Settings, settings) && ReferenceEquals(cached.Snapshot, snapshot))
        {
            return cached.Parameters;
        }

        var audiences = kind == TenantTokenKind.Id || settings.Audiences.Count == 0
            ? (settings.ClientId is { } clientId ? [clientId] : [])
            : settings.Audiences;
        var skew = settings.ClockSkew;
        var parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.EffectiveIssuer,
            ValidateIssuer = true,
            ValidAudiences = audiences,
            ValidateAudience = true,
            IssuerSigningKeys = snapshot.Keys,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = skew,
            ValidAlgorithms = [.. _options.ValidAlgorithms],
            LifetimeValidator = (notBefore, expires, _, _) =>
            {
                var now = time.GetUtcNow().UtcDateTime;
                return expires is { } exp && now <= exp + skew && (notBefore is not { } nbf || now + skew >= nbf);
            },
            NameClaimType = "name",
            RoleClaimType = "roles",
        };
        _parameters[key] = new CachedParameters(settings, snapshot, parameters);
        return parameters;
    }

    private static bool IssuerMatches(string? metadataIssuer, TenantSsoSettings settings) =>
        string.Equals(metadataIssuer, settings.EffectiveIssuer, StringComparison.Ordinal)
        || (settings.Issuer.Contains(TenantSsoSettings.IssuerTenantPlaceholder, StringComparison.OrdinalIgnoreCase)
            && string.Equals(metadataIssuer, settings.Issuer, StringComparison.OrdinalIgnoreCase));

    private JsonWebToken? Read(string token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > _handler.MaximumTokenSizeInBytes || !_handler.CanReadToken(token))
        {
            return null;
        }

        try
        {
            var jwt = new JsonWebToken(token);
            return string.IsNullOrEmpty(jwt.Issuer) || jwt.IsEncrypted ? null : jwt;
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            return null;
        }
    }

    private TenantTokenValidation Reject(string reason)
    {
        Log.TokenRejected(logger, reason);
        metrics.SsoTokenRejected(reason);
        return TenantTokenValidation.Fail(reason);
    }

    private sealed record CachedParameters(TenantSsoSettings Settings, OidcMetadataSnapshot Snapshot, TokenValidationParameters Parameters);
}
