using Tenancy.AspNetCore.Members;

namespace Microsoft.AspNetCore.Authorization;

/// <summary>Adds tenant role and permission requirements to authorization policies.</summary>
public static class TenantAuthorizationPolicyBuilderExtensions
{
    /// <summary>Requires any of <paramref name="roles"/> in the current tenant.</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="roles">The roles.</param>
    /// <returns>The same builder.</returns>
    public static AuthorizationPolicyBuilder RequireTenantRole(this AuthorizationPolicyBuilder builder, params string[] roles)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthenticatedUser().AddRequirements(TenantAccessRequirement.ForRoles(roles));
    }

    /// <summary>Requires any of <paramref name="permissions"/> in the current tenant (API keys: as scopes).</summary>
    /// <param name="builder">The policy builder.</param>
    /// <param name="permissions">The permissions.</param>
    /// <returns>The same builder.</returns>
    public static AuthorizationPolicyBuilder RequireTenantPermission(this AuthorizationPolicyBuilder builder, params string[] permissions)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthenticatedUser().AddRequirements(TenantAccessRequirement.ForPermissions(permissions));
    }
}
