using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tenancy.Billing.Diagnostics;
using Tenancy.Billing.Events;
using Tenancy.Billing.Plans;
using Tenancy.Stores;

namespace Tenancy.Billing.Payments;

/// <summary>Suspends tenants whose payment failed longer ago than the grace period and that paid nothing since; reports usage on the same beat.</summary>
internal sealed class PaymentGraceService(
    IOptions<StripeBillingOptions> options,
    IWritableTenantStore tenants,
    StripeUsageReporter reporter,
    BillingEventDispatcher events,
    TimeProvider time,
    ILogger<PaymentGraceService>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Suspends every tenant past its grace. Returns how many were suspended.</summary>
    public async Task<int> EnforceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var grace = options.Value.PaymentGracePeriod;
        var suspended = 0;
        var due = new List<TenantInfo>();
        await foreach (var tenant in TenantDirectory.AllAsync(tenants, cancellationToken).ConfigureAwait(false))
        {
            if (tenant.Status == TenantStatus.Active
                && tenant.Properties.TryGetValue(BillingTenantProperties.PaymentFailedAt, out var text)
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var failedAt)
                && failedAt + grace <= now)
            {
                due.Add(tenant);
            }
        }

        foreach (var tenant in due)
        {
            var updated = tenant with
            {
                Status = TenantStatus.Suspended,
                Properties = TenantDirectory.With(tenant, BillingTenantProperties.SuspendedForNonPayment, "true"),
            };
            await tenants.UpdateAsync(updated, cancellationToken).ConfigureAwait(false);
            Log.TenantBillingChanged(_logger, tenant.Id, tenant.Plan, TenantStatus.Suspended, "payment-grace-expired");
            events.Publish(new TenantBillingChanged(tenant.Id, now, tenant.Plan, TenantStatus.Suspended, "payment-grace-expired"));
            suspended++;
        }

        return suspended;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.ReportInterval;
        if (interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await EnforceAsync(stoppingToken).ConfigureAwait(false);
                    await reporter.ReportAllAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.BillingRunFailed(_logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
