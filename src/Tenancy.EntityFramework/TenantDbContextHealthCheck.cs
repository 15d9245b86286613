using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tenancy.EntityFramework.Infrastructure;

namespace Tenancy.EntityFramework;

/// <summary>
/// Checks that a <see cref="TenantDbContext"/>'s database answers and, with row-level security on PostgreSQL, that the
/// application role cannot bypass the policies (not a superuser, no BYPASSRLS). One cheap query; no tenant needed.
/// </summary>
/// <typeparam name="TContext">The context type.</typeparam>
/// <param name="services">Resolves a context (registered with <c>AddTenantDbContext</c>, a pool or a factory).</param>
public sealed class TenantDbContextHealthCheck<TContext>(IServiceProvider services) : IHealthCheck
    where TContext : DbContext, ITenantDbContext
{
    /// <inheritdoc />
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        await using var scope = services.CreateAsyncScope();
        var factory = scope.ServiceProvider.GetService<IDbContextFactory<TContext>>();
        var db = factory is null ? scope.ServiceProvider.GetRequiredService<TContext>() : await factory.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false))
            {
                return new HealthCheckResult(context.Registration.FailureStatus, "The database does not answer.");
            }

            if (db.Tenancy.Options.RowLevelSecurity && DatabaseProvider.IsPostgreSql(db.Database))
            {
                var bypasses = await db.Database.SqlQueryRaw<bool>(
                    "SELECT (rolsuper OR rolbypassrls) AS \"Value\" FROM pg_roles WHERE rolname = current_user").SingleAsync(cancellationToken).ConfigureAwait(false);
                if (bypasses)
                {
                    return new HealthCheckResult(context.Registration.FailureStatus, "The application role is a superuser or has BYPASSRLS: row-level security does not protect tenant data.");
                }
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database check failed.", exception);
        }
        finally
        {
            if (factory is not null)
            {
                await db.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
