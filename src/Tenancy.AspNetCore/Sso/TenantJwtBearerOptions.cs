using Microsoft.AspNetCore.Authentication;

namespace Tenancy.AspNetCore.Sso;

/// <summary>Options of the per-tenant JWT bearer scheme (token validation itself is configured per tenant and in <see cref="TenantSsoOptions"/>).</summary>
public sealed class TenantJwtBearerOptions : AuthenticationSchemeOptions
{
    /// <summary>
    /// Whether a presented bearer JWT that fails validation ends the request with 401 on every endpoint (before the default
    /// scheme and tenant resolution run), so it is never served as anonymous. Default <see langword="true"/>. Bearer values
    /// that are not JWTs (opaque SCIM tokens) are left to other schemes either way.
    /// </summary>
    public bool RejectInvalidTokensEverywhere { get; set; } = true;
}
