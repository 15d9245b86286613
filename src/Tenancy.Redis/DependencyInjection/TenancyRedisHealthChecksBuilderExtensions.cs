using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tenancy.Redis.Backplane;
using Tenancy.Events;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks of Tenancy's Redis parts.</summary>
public static class TenancyRedisHealthChecksBuilderExtensions
{
    /// <summary>
    /// Reports the Redis tenant-change backplane (added by <c>AddRedisBackplane</c>): unhealthy (or
    /// <paramref name="failureStatus"/>) while it is not subscribed, since changes made on other instances are then not heard.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported while disconnected.</param>
    /// <param name="tags">Tags of the check.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddTenancyRedisBackplaneCheck(
        this IHealthChecksBuilder builder,
        string name = "tenancy-redis-backplane",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(TenantChangeBackplaneHealthCheck.Registration<RedisTenantChangeBackplane>(name, failureStatus, tags));
    }
}
