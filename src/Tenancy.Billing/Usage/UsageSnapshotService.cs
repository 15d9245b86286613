using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.Billing.Diagnostics;

namespace Tenancy.Billing.Usage;

/// <summary>Writes yesterday's (final) and today's (running) snapshots at start and then every <see cref="UsageSnapshotOptions.Interval"/>.</summary>
internal sealed class UsageSnapshotService(IUsageSnapshotWriter writer, UsageSnapshotOptions options, TimeProvider time, ILogger<UsageSnapshotService>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Interval, time);
        try
        {
            do
            {
                var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
                foreach (var day in new[] { today.AddDays(-1), today })
                {
                    try
                    {
                        var count = await writer.WriteAsync(day, stoppingToken).ConfigureAwait(false);
                        Log.SnapshotsWritten(_logger, count, day);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        Log.SnapshotFailed(_logger, ex);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
