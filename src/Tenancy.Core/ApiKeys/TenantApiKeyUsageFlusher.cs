using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Tenancy.ApiKeys;

/// <summary>Writes API keys' last-used times every <see cref="TenantApiKeyOptions.UsageFlushInterval"/>, and once more at shutdown.</summary>
internal sealed class TenantApiKeyUsageFlusher(TenantApiKeyService keys, IOptions<TenantApiKeyOptions> options, TimeProvider time) : BackgroundService
{
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await keys.FlushUsageAsync(cancellationToken);
        }
#pragma warning disable CA1031 // Logged by the service; shutdown goes on.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.UsageFlushInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await keys.FlushUsageAsync(stoppingToken);
            }
#pragma warning disable CA1031 // Logged by the service; retried at the next tick.
            catch (Exception) when (!stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
            {
            }
        }
    }
}
