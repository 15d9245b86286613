using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.Audit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the tenant audit log (<see cref="IAuditLog"/>) to a <see cref="TenancyBuilder"/>.</summary>
public static class TenancyAuditBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="IAuditLog"/>. A store is needed too: <c>AddEntityFrameworkPlatformStores&lt;TContext&gt;()</c> from
    /// Tenancy.EntityFramework, or your own <see cref="IAuditLogStore"/>. API key, membership and lifecycle changes are
    /// recorded once it is registered.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddAuditLog(this TenancyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<IAuditLog, AuditLog>();
        return builder;
    }
}
