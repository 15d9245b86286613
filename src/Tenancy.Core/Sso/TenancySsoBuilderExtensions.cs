using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.Lifecycle;
using Tenancy.Sso;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds per-tenant single sign-on (<see cref="TenantSsoService"/>, <see cref="TenantSsoMembers"/>) to a <see cref="TenancyBuilder"/>.</summary>
public static class TenancySsoBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="TenantSsoService"/>, <see cref="TenantSsoMembers"/> and the offboarding step that removes a tenant's
    /// provider. Settings are kept in an <see cref="InMemoryTenantSsoStore"/> unless another <see cref="ITenantSsoStore"/>
    /// is registered (<c>AddEntityFrameworkSsoStores&lt;TContext&gt;()</c> in Tenancy.EntityFramework). Members need
    /// <c>AddMembers()</c>. Validate tokens with <c>AddTenantJwtBearer()</c> and sign users in with <c>MapTenancySignIn()</c>
    /// (Tenancy.AspNetCore).
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddSso(this TenancyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ITenantSsoStore, InMemoryTenantSsoStore>();
        builder.Services.TryAddSingleton<TenantSsoService>();
        builder.Services.TryAddSingleton<TenantSsoMembers>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<TenantLifecycleStep, TenantSsoLifecycleStep>());
        return builder;
    }
}
