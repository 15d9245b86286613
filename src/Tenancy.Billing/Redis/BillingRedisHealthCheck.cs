using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Tenancy.Billing.Redis;

/// <summary>Healthy when Redis answers a PING and nothing counted during an outage waits to be reconciled; Degraded while usage waits; Unhealthy when Redis does not answer.</summary>
internal sealed class BillingRedisHealthCheck(BillingRedisConnection connection, RedisQuotaCounterStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = store.PendingUnits;
        var data = new Dictionary<string, object> { ["pendingUnits"] = pending };
        try
        {
            var multiplexer = await connection.GetAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            var latency = await multiplexer.GetDatabase().PingAsync().ConfigureAwait(false);
            data["latencyMs"] = latency.TotalMilliseconds;
            return pending != 0
                ? HealthCheckResult.Degraded("Redis answers; usage counted during an outage is not reconciled yet.", data: data)
                : HealthCheckResult.Healthy("Redis answers.", data);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Redis does not answer; meters apply their failure policy.", ex, data);
        }
    }
}
