using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.AspNetCore.Audit;
using Tenancy.Audit;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Fills audit entries from the current HTTP request.</summary>
public static class TenancyAuditHttpBuilderExtensions
{
    /// <summary>
    /// Adds the audit log (<c>AddAuditLog()</c>) with actor (API key or user), request id and source IP taken from the
    /// current HTTP request when the caller does not set them.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddHttpAuditLog(this TenancyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHttpContextAccessor();
        builder.Services.TryAddSingleton<IAuditContextAccessor, HttpAuditContextAccessor>();
        return builder.AddAuditLog();
    }
}
