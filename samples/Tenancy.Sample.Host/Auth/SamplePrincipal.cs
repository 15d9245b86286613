using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Tenancy.Sample.Host.Auth;

/// <summary>
/// Builds the principal of the sample's browser session (cookie scheme): <see cref="ClaimTypes.NameIdentifier"/> = the
/// member user id, <see cref="ClaimTypes.Name"/>, <c>tid</c> = the tenant, one <see cref="ClaimTypes.Role"/> per role and
/// <c>amr</c>. Password and SSO sign-ins both build it here so the session looks the same whichever way it began.
/// </summary>
public static class SamplePrincipal
{
    /// <summary>Creates a session principal.</summary>
    /// <param name="userId">The member user id.</param>
    /// <param name="name">The display name.</param>
    /// <param name="tenantId">The tenant signed in to, or <see langword="null"/> for a platform operator.</param>
    /// <param name="roles">The roles (tenant roles, or <see cref="SampleClaims.PlatformAdminRole"/>).</param>
    /// <param name="authenticationMethod"><see cref="SampleClaims.Password"/> or <see cref="SampleClaims.Sso"/>.</param>
    /// <returns>The principal to sign in with <see cref="CookieAuthenticationDefaults.AuthenticationScheme"/>.</returns>
    public static ClaimsPrincipal Create(string userId, string name, string? tenantId, IEnumerable<string> roles, string authenticationMethod)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(roles);
        ArgumentException.ThrowIfNullOrWhiteSpace(authenticationMethod);
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, userId),
            new(ClaimTypes.Name, name),
            new(SampleClaims.AuthenticationMethod, authenticationMethod),
        };
        if (tenantId is not null)
        {
            claims.Add(new Claim(SampleClaims.TenantId, tenantId));
        }

        claims.AddRange(roles.Distinct(StringComparer.Ordinal).Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role));
    }
}
