using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.Authentication;
using Tenancy.AspNetCore.Problems;
using Tenancy.Stores;

namespace Tenancy.AspNetCore.Sso;

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;jwt&gt;</c> against the tenant whose provider issued the token
/// (<see cref="TenantTokenValidator"/>). The principal carries the tenant id in the tenant claim, so tenant resolution treats
/// it as the authenticated tenant and a host or header naming another tenant is a 403 conflict. A token that fails, names an
/// issuer no tenant trusts, or belongs to a tenant that no longer exists is 401; a suspended (or otherwise inactive) tenant's
/// token is 423. Bearer values that are not JWTs get no result, so other schemes (SCIM tokens) may run.
/// </summary>
internal sealed class TenantJwtBearerHandler(
    IOptionsMonitor<TenantJwtBearerOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    TenantTokenValidator validator,
    ITenantStore tenants,
    IProblemDetailsService? problemDetails = null)
    : TenantAuthenticationHandler<TenantJwtBearerOptions>(options, logger, encoder, problemDetails)
{
    private const string InactiveItem = "tenancy.sso.inactive";
    private static readonly AuthenticateResult Invalid = AuthenticateResult.Fail("Invalid bearer token.");
    private static readonly AuthenticateResult Inactive = AuthenticateResult.Fail("The token's tenant is not active.");
    private static readonly AuthenticateResult Unavailable = AuthenticateResult.Fail("The tenant or SSO store could not be read.");

    /// <inheritdoc />
    protected override TenancyProblem ForbiddenProblem => TenancyProblem.TokenForbidden;

    /// <summary>A presented JWT that does not authenticate ends the request (401/423/503) whatever the endpoint.</summary>
    protected override async Task<bool> HandleFailedAuthenticationAsync(AuthenticateResult result)
    {
        if (!Options.RejectInvalidTokensEverywhere)
        {
            return false;
        }

        if (ReferenceEquals(result, Unavailable))
        {
            await WriteProblemAsync(TenancyProblem.StoreUnavailable);
            return true;
        }

        var properties = new AuthenticationProperties();
        if (ReferenceEquals(result, Inactive))
        {
            properties.Items[InactiveItem] = "1";
        }

        await HandleChallengeAsync(properties);
        return true;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = ReadToken(Request.Headers.Authorization);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }

        TenantTokenValidation validation;
        TenantInfo? tenant;
        try
        {
            validation = await validator.ValidateAccessTokenAsync(token, Scheme.Name, Context.RequestAborted);
            if (!validation.Succeeded)
            {
                return Invalid;
            }

            tenant = await tenants.FindByIdAsync(validation.Settings!.TenantId, Context.RequestAborted);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !Context.RequestAborted.IsCancellationRequested)
        {
            // A store that does not answer is a 503, never a 500 and never an anonymous request.
            Logger.LogWarning(ex, "The SSO or tenant store could not be read while validating a bearer token.");
            return Unavailable;
        }

        if (tenant is null)
        {
            return Invalid;
        }

        if (tenant.Status != TenantStatus.Active)
        {
            return Inactive;
        }

        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(validation.Identity!), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var authenticate = await HandleAuthenticateOnceSafeAsync();
        if (properties.Items.ContainsKey(InactiveItem) || ReferenceEquals(authenticate, Inactive))
        {
            await WriteProblemAsync(TenancyProblem.Inactive);
            return;
        }

        var challenge = authenticate.Failure is null
            ? TenantJwtBearerDefaults.AuthorizationScheme
            : TenantJwtBearerDefaults.AuthorizationScheme + " error=\"invalid_token\"";
        await WriteChallengeAsync(challenge, TenancyProblem.InvalidToken);
    }

    private static string? ReadToken(Microsoft.Extensions.Primitives.StringValues authorization)
    {
        if (authorization.Count != 1 || authorization[0] is not { } value
            || !value.StartsWith(TenantJwtBearerDefaults.AuthorizationScheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = value.AsSpan(TenantJwtBearerDefaults.AuthorizationScheme.Length + 1).Trim();

        // Only JWT-shaped values (header.payload.signature) are this scheme's; an opaque bearer token belongs to another one.
        return token.Count('.') == 2 ? token.ToString() : null;
    }
}
