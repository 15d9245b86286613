using Microsoft.AspNetCore.Authentication;
using Tenancy.AspNetCore.Sso;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the per-tenant JWT bearer authentication scheme.</summary>
public static class TenantJwtBearerAuthenticationBuilderExtensions
{
    /// <summary>
    /// Adds the scheme that validates <c>Authorization: Bearer &lt;jwt&gt;</c> against the tenant whose provider issued it
    /// (needs <c>AddTenantSso()</c> on the Tenancy builder). Make it the default scheme or forward bearer requests to it, and
    /// put <c>app.UseAuthentication()</c> before <c>app.UseTenancy()</c> so the token's tenant is the authenticated tenant.
    /// </summary>
    /// <param name="builder">The authentication builder.</param>
    /// <param name="scheme">The scheme name.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The same builder.</returns>
    public static AuthenticationBuilder AddTenantJwtBearer(
        this AuthenticationBuilder builder,
        string scheme = TenantJwtBearerDefaults.AuthenticationScheme,
        Action<TenantJwtBearerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(scheme);
        return builder.AddScheme<TenantJwtBearerOptions, TenantJwtBearerHandler>(scheme, configure);
    }
}
