using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tenancy.Billing.Diagnostics;

namespace Tenancy.Billing.Redis;

/// <summary>Moves usage counted locally during a Redis outage into Redis once it answers again.</summary>
internal sealed class RedisReconciler(RedisQuotaCounterStore store, IOptions<BillingRedisOptions> options, TimeProvider time, ILogger<RedisReconciler>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReconcileInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await store.ReconcileAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (RedisQuotaCounterStore.IsOutage(ex))
                {
                    Log.RedisReconcileFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
