using Tenancy.AspNetCore.Metadata;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Tenant metadata for endpoints and route groups.</summary>
public static class TenancyEndpointConventionBuilderExtensions
{
    private static readonly AllowWithoutTenantAttribute AllowWithoutTenantMetadata = new();
    private static readonly RequireTenantAttribute RequireTenantMetadata = new();

    /// <summary>Opts the endpoints out of tenant resolution: they run with no tenant current (health checks, sign-in).</summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoint or group builder.</param>
    /// <returns>The builder.</returns>
    public static TBuilder AllowWithoutTenant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithTenantMetadata(AllowWithoutTenantMetadata);

    /// <summary>Requires a tenant: a request that names none is answered 400 with a problem details body.</summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoint or group builder.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireTenant<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithTenantMetadata(RequireTenantMetadata);

    /// <summary>States what the endpoints need from tenant resolution.</summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoint or group builder.</param>
    /// <param name="requirement">The requirement.</param>
    /// <returns>The builder.</returns>
    public static TBuilder WithTenantRequirement<TBuilder>(this TBuilder builder, TenantRequirement requirement)
        where TBuilder : IEndpointConventionBuilder => builder.WithTenantMetadata(new TenantRequirementMetadata(requirement));

    private static TBuilder WithTenantMetadata<TBuilder>(this TBuilder builder, ITenantEndpointMetadata metadata)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(metadata);
    }
}
