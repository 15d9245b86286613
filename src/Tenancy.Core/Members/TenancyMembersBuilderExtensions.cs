using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.Members;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds members, roles and invitations (<see cref="TenantMembershipService"/>) to a <see cref="TenancyBuilder"/>.</summary>
public static class TenancyMembersBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="TenantMembershipService"/>. A store is needed too: <c>AddEntityFrameworkPlatformStores&lt;TContext&gt;()</c>
    /// from Tenancy.EntityFramework, or your own <see cref="ITenantMemberStore"/>. Extra role sources are added as
    /// <see cref="ITenantRoleSource"/> singletons.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Changes the options.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddMembers(this TenancyBuilder builder, Action<TenantMembershipOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = builder.Services.AddOptions<TenantMembershipOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Options.IValidateOptions<TenantMembershipOptions>, TenantMembershipOptionsValidator>());
        builder.Services.TryAddSingleton<TenantMembershipService>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<Tenancy.Lifecycle.TenantLifecycleStep, TenantMembersLifecycleStep>());
        return builder;
    }
}
