using Microsoft.AspNetCore.Authorization;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Requires tenant roles or permissions on endpoints: <c>app.MapPost("/keys", …).RequireTenantPermission("apikeys.manage")</c>.</summary>
public static class TenantAuthorizationEndpointConventionBuilderExtensions
{
    /// <summary>Requires any of <paramref name="roles"/> in the current tenant.</summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The endpoint builder.</param>
    /// <param name="roles">The roles.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder RequireTenantRole<TBuilder>(this TBuilder builder, params string[] roles)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var policy = new AuthorizationPolicyBuilder().RequireTenantRole(roles).Build();
        return builder.RequireAuthorization(policy);
    }

    /// <summary>Requires any of <paramref name="permissions"/> in the current tenant.</summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The endpoint builder.</param>
    /// <param name="permissions">The permissions.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder RequireTenantPermission<TBuilder>(this TBuilder builder, params string[] permissions)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var policy = new AuthorizationPolicyBuilder().RequireTenantPermission(permissions).Build();
        return builder.RequireAuthorization(policy);
    }
}
