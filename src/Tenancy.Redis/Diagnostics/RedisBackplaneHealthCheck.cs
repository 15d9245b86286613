using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tenancy.Redis.Backplane;

namespace Tenancy.Redis.Diagnostics;

/// <summary>Unhealthy while the Redis tenant-change backplane is not subscribed (changes of other instances are not heard).</summary>
internal sealed class RedisBackplaneHealthCheck(RedisTenantChangeBackplane backplane) : IHealthCheck
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
            ? HealthCheckResult.Healthy("Subscribed to tenant changes.", data)
            : new HealthCheckResult(
                context.Registration.FailureStatus,
                $"Not subscribed to tenant changes for {backplane.DisconnectedFor.TotalSeconds:0.#} s; caches are flushed on reconnect.",
                backplane.LastError,
                data));
    }
}
