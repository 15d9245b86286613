using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tenancy.Storage.Diagnostics;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds the Tenancy.Storage health check.</summary>
public static class TenancyStorageHealthChecksBuilderExtensions
{
    /// <summary>Adds a check that the object store (S3 bucket or disk folder) answers. Requires <c>AddTenancyStorage</c>.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported on failure (default unhealthy).</param>
    /// <param name="tags">Tags, for filtering (for example "ready").</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddTenancyStorageCheck(this IHealthChecksBuilder builder, string name = "tenancy-storage", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.AddCheck<TenancyStorageHealthCheck>(name, failureStatus, tags ?? []);
    }
}
