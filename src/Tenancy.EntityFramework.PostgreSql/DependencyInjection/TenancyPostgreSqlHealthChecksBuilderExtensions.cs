using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tenancy.EntityFramework.PostgreSql.Backplane;
using Tenancy.Events;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Health checks of Tenancy's PostgreSQL backplane.</summary>
public static class TenancyPostgreSqlHealthChecksBuilderExtensions
{
    /// <summary>
    /// Reports the PostgreSQL tenant-change backplane (added by <c>AddPostgreSqlBackplane</c>): unhealthy (or
    /// <paramref name="failureStatus"/>) while its listening connection is down.
    /// </summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported while disconnected.</param>
    /// <param name="tags">Tags of the check.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddTenancyPostgreSqlBackplaneCheck(
        this IHealthChecksBuilder builder,
        string name = "tenancy-postgresql-backplane",
        HealthStatus? failureStatus = null,
        IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(TenantChangeBackplaneHealthCheck.Registration<PostgreSqlTenantChangeBackplane>(name, failureStatus, tags));
    }
}
