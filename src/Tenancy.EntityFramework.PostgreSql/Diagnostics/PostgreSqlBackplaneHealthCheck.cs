using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tenancy.EntityFramework.PostgreSql.Backplane;

namespace Tenancy.EntityFramework.PostgreSql.Diagnostics;

/// <summary>Unhealthy while the PostgreSQL tenant-change listener is not listening (changes of other instances are not heard).</summary>
internal sealed class PostgreSqlBackplaneHealthCheck(PostgreSqlTenantChangeBackplane backplane) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>
        {
            ["instance"] = backplane.InstanceId,
            ["received"] = backplane.Received,
            ["resets"] = backplane.Resets,
        };
        return Task.FromResult(backplane.IsConnected
            ? HealthCheckResult.Healthy($"Listening on {backplane.Channel}.", data)
            : new HealthCheckResult(
                context.Registration.FailureStatus,
                $"Not listening for tenant changes for {backplane.DisconnectedFor.TotalSeconds:0.#} s; caches are flushed on reconnect.",
                backplane.LastError,
                data));
    }
}
