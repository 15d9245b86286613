using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tenancy.Billing.Redis;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks of Tenancy.Billing's dependencies.</summary>
public static class BillingHealthChecksBuilderExtensions
{
    /// <summary>
    /// Checks the billing Redis connection: Unhealthy when Redis does not answer (meters apply their failure policy),
    /// Degraded while usage counted during an outage waits to be reconciled. Needs <c>UseRedis</c>.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="tags">Tags for filtering.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddTenancyBillingRedisCheck(this IHealthChecksBuilder builder, string name = "tenancy-billing-redis", IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name, sp => sp.GetRequiredService<BillingRedisHealthCheck>(), HealthStatus.Unhealthy, tags));
    }
}
