using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Stripe;
using Stripe.Billing;
using Tenancy.Billing.Diagnostics;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;
using Tenancy.Stores;

namespace Tenancy.Billing.Payments;

/// <summary>
/// Reports counter usage to Stripe as Billing Meter Events (<c>POST /v1/billing/meter_events</c>), one event per tenant,
/// meter and period carrying the usage since the last report. The identifier is derived from the tenant, meter, period
/// and the running total reached, so a retried or re-run report sends the same identifier and Stripe counts it once;
/// the ledger records what was reported.
/// </summary>
internal sealed class StripeUsageReporter(
    BillingStripeClient client,
    ITenantStore tenants,
    PlanCatalog catalog,
    QuotaGuard guard,
    QuotaCounterStore store,
    IUsageReportLedger ledger,
    TimeProvider time,
    ILogger<StripeUsageReporter>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    /// <summary>Reports every tenant with a Stripe customer, a batch of tenants at a time. Returns the meter events sent.</summary>
    public async Task<int> ReportAllAsync(CancellationToken cancellationToken)
    {
        var sent = 0;
        await foreach (var tenant in TenantDirectory.AllAsync(tenants, cancellationToken).ConfigureAwait(false))
        {
            sent += await ReportAsync(tenant, cancellationToken).ConfigureAwait(false);
        }

        return sent;
    }

    /// <summary>Reports one tenant's usage since the last report. Returns the meter events sent.</summary>
    public async Task<int> ReportAsync(TenantInfo tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        if (!tenant.Properties.TryGetValue(BillingTenantProperties.StripeCustomerId, out var customer))
        {
            return 0;
        }

        Plans.Plan plan;
        try
        {
            plan = catalog.GetPlan(tenant);
        }
        catch (UnknownPlanException)
        {
            return 0;
        }

        var sent = 0;
        foreach (var limit in plan.Limits.Values)
        {
            if (limit.Meter.StripeEventName is not { } eventName || limit.Meter.Kind != MeterKind.Counter)
            {
                continue;
            }

            var period = guard.CurrentPeriod(tenant, limit.Meter.Name, limit.Reset);
            var used = await store.ReadAsync(period, cancellationToken).ConfigureAwait(false);
            var previous = await ledger.FindAsync(tenant.Id, limit.Meter.Name, period.Start, cancellationToken).ConfigureAwait(false);
            var delta = used - (previous?.Reported ?? 0);
            if (delta <= 0)
            {
                continue;
            }

            var identifier = string.Create(CultureInfo.InvariantCulture, $"{tenant.Id}:{limit.Meter.Name}:{period.Start.UtcDateTime:yyyyMMddHHmmss}:{used}");
            if (identifier.Length > 100)
            {
                identifier = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(identifier)));
            }

            try
            {
                await client.MeterEvents.CreateAsync(
                    new MeterEventCreateOptions
                    {
                        EventName = eventName,
                        Identifier = identifier,
                        Timestamp = time.GetUtcNow().UtcDateTime,
                        Payload = new Dictionary<string, string>
                        {
                            ["stripe_customer_id"] = customer,
                            ["value"] = delta.ToString(CultureInfo.InvariantCulture),
                        },
                    },
                    cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch (StripeException ex)
            {
                Log.UsageReportFailed(_logger, tenant.Id, limit.Meter.Name, ex);
                continue;
            }

            await ledger.RecordAsync(new UsageReport(tenant.Id, limit.Meter.Name, period.Start, used, identifier, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
            Log.UsageReported(_logger, tenant.Id, limit.Meter.Name, delta);
            sent++;
        }

        return sent;
    }
}
