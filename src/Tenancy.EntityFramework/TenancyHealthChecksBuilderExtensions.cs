using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tenancy.EntityFramework;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers <see cref="TenantDbContextHealthCheck{TContext}"/>.</summary>
public static class TenancyHealthChecksBuilderExtensions
{
    /// <summary>Adds a health check of <typeparamref name="TContext"/>'s database (and, with row-level security, of the application role).</summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name.</param>
    /// <param name="failureStatus">The status reported on failure.</param>
    /// <param name="tags">Tags for filtering.</param>
    /// <returns>The same builder.</returns>
    public static IHealthChecksBuilder AddTenantDbContextCheck<TContext>(
        this IHealthChecksBuilder builder,
        string name = "tenancy-database",
        HealthStatus failureStatus = HealthStatus.Unhealthy,
        IEnumerable<string>? tags = null)
        where TContext : Microsoft.EntityFrameworkCore.DbContext, ITenantDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Add(new HealthCheckRegistration(name, sp => new TenantDbContextHealthCheck<TContext>(sp), failureStatus, tags));
    }
}
