using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Tenancy.Billing.Diagnostics;
using Tenancy.Billing.Events;
using Tenancy.Billing.Gauges;
using Tenancy.Billing.Overrides;
using Tenancy.Billing.Plans;

namespace Tenancy.Billing.Quotas;

/// <summary>
/// The quota guard: plan and override lookup in memory, the period from the tenant's anchor, one atomic
/// check-and-increment in the counter store, then threshold alerts (claimed once per tenant/meter/period/threshold).
/// With the in-memory store a call completes synchronously and allocates nothing.
/// </summary>
internal sealed class QuotaGuard(
    ICurrentTenant current,
    PlanCatalog catalog,
    IPlanOverrideStore overrides,
    QuotaCounterStore store,
    GaugeCache gauges,
    BillingEventDispatcher events,
    BillingMetrics metrics,
    TimeProvider time) : IQuotaGuard
{
    private readonly ConcurrentDictionary<(string Tenant, string Meter), QuotaSlot> _slots = new();

    public ValueTask<QuotaResult> TryConsumeAsync(string meter, long amount = 1, CancellationToken cancellationToken = default) =>
        TryConsumeAsync(current.GetRequiredTenant(), meter, amount, cancellationToken);

    public ValueTask<QuotaResult> TryConsumeAsync(TenantInfo tenant, string meter, long amount = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var limit = FindLimit(tenant, meter);
        if (limit is null)
        {
            metrics.RecordConsume(tenant.Id, meter, QuotaDenialReason.NotInPlan);
            return new(new QuotaResult(QuotaDenialReason.NotInPlan, 0, null, null));
        }

        if (limit.Meter.Kind == MeterKind.Gauge)
        {
            return ConsumeGaugeAsync(tenant, limit, amount, cancellationToken);
        }

        var period = CurrentPeriod(tenant, meter, limit.Reset);
        var pending = store.TryConsumeAsync(period, amount, limit.Cap, limit.Meter.WhenStoreUnavailable, cancellationToken);
        return pending.IsCompletedSuccessfully
            ? new(Complete(tenant, limit, period, amount, pending.Result))
            : AwaitConsumeAsync(tenant, limit, period, amount, pending);
    }

    public async ValueTask RefundAsync(TenantInfo tenant, string meter, long amount = 1, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var limit = FindLimit(tenant, meter);
        if (limit is null)
        {
            return;
        }

        if (limit.Meter.Kind == MeterKind.Gauge)
        {
            await gauges.RefundAsync(tenant, limit.Meter, amount, cancellationToken).ConfigureAwait(false);
            return;
        }

        await store.RefundAsync(CurrentPeriod(tenant, meter, limit.Reset), amount, cancellationToken).ConfigureAwait(false);
        metrics.RecordRefund(tenant.Id, meter, amount);
    }

    public async ValueTask<IReadOnlyList<QuotaUsage>> GetUsageAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var plan = catalog.GetPlan(tenant);
        var usage = new List<QuotaUsage>();
        foreach (var meter in catalog.Meters.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var limit = FindLimit(tenant, meter.Name);
            if (limit is null)
            {
                usage.Add(new QuotaUsage(meter.Name, 0, null, null, null, null, InPlan: false));
                continue;
            }

            long? shownLimit = limit.Unlimited ? null : limit.Limit;
            if (meter.Kind == MeterKind.Gauge)
            {
                var level = await gauges.ReadAsync(tenant, meter, cancellationToken).ConfigureAwait(false);
                usage.Add(new QuotaUsage(meter.Name, level, shownLimit, limit.Ceiling, null, null, InPlan: true));
                continue;
            }

            var period = CurrentPeriod(tenant, meter.Name, limit.Reset);
            var used = await store.ReadAsync(period, cancellationToken).ConfigureAwait(false);
            var never = limit.Reset == ResetPeriod.Never;
            usage.Add(new QuotaUsage(meter.Name, used, shownLimit, limit.Ceiling, never ? null : period.Start, period.PeriodEnd, InPlan: true));
        }

        _ = plan;
        return usage;
    }

    /// <summary>The period of a tenant's meter that contains now (for snapshots and reporting).</summary>
    internal QuotaPeriod CurrentPeriod(TenantInfo tenant, string meter, ResetPeriod reset)
    {
        if (!_slots.TryGetValue((tenant.Id, meter), out var slot))
        {
            slot = _slots.GetOrAdd((tenant.Id, meter), static key => new QuotaSlot(key.Tenant, key.Meter));
        }

        var period = slot.Current(tenant, reset, time.GetUtcNow(), out var retired);
        if (retired is not null)
        {
            store.Retire(retired);
        }

        return period;
    }

    /// <summary>
    /// The usage of the period containing <paramref name="at"/>: the current period from the store, a past one when the
    /// store still holds it (Redis, within its retention), else null. Gauges read their level now.
    /// </summary>
    internal async ValueTask<UsageReading?> ReadAtAsync(TenantInfo tenant, MeterLimit limit, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (limit.Meter.Kind == MeterKind.Gauge)
        {
            return new UsageReading(await gauges.ReadAsync(tenant, limit.Meter, cancellationToken).ConfigureAwait(false), null);
        }

        var current = CurrentPeriod(tenant, limit.Meter.Name, limit.Reset);
        var never = limit.Reset == ResetPeriod.Never;
        if (at.UtcTicks >= current.StartTicks && at.UtcTicks < current.EndTicks)
        {
            return new UsageReading(await store.ReadAsync(current, cancellationToken).ConfigureAwait(false), never ? null : current.Start);
        }

        if (!store.CanReadPastPeriods)
        {
            return null;
        }

        var (start, end) = BillingPeriods.Containing(limit.Reset, QuotaSlot.ReadAnchor(tenant), at);
        var past = new QuotaPeriod(tenant.Id, limit.Meter.Name, start, end);
        return new UsageReading(await store.ReadAsync(past, cancellationToken).ConfigureAwait(false), start);
    }

    /// <summary>The limit in force for the tenant's meter (the override when one applies), or null when the plan lacks the meter.</summary>
    internal MeterLimit? FindLimit(TenantInfo tenant, string meter)
    {
        var plan = catalog.GetPlan(tenant);
        if (!plan.Limits.TryGetValue(meter, out var limit))
        {
            catalog.GetMeter(meter); // throws for a meter the catalogue does not define
            return null;
        }

        return overrides.Find(tenant.Id, meter) is { } raised ? new MeterLimit(limit, raised.Limit) : limit;
    }

    private async ValueTask<QuotaResult> AwaitConsumeAsync(TenantInfo tenant, MeterLimit limit, QuotaPeriod period, long amount, ValueTask<CounterOutcome> pending)
    {
        var outcome = await pending.ConfigureAwait(false);
        return Complete(tenant, limit, period, amount, outcome);
    }

    private async ValueTask<QuotaResult> ConsumeGaugeAsync(TenantInfo tenant, MeterLimit limit, long amount, CancellationToken cancellationToken)
    {
        var outcome = await gauges.TryConsumeAsync(tenant, limit, amount, cancellationToken).ConfigureAwait(false);
        metrics.RecordConsume(tenant.Id, limit.Meter.Name, outcome.Reason);
        return new QuotaResult(outcome.Reason, outcome.Used, limit, null);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private QuotaResult Complete(TenantInfo tenant, MeterLimit limit, QuotaPeriod period, long amount, CounterOutcome outcome)
    {
        metrics.RecordConsume(tenant.Id, limit.Meter.Name, outcome.Reason);
        if (outcome.Reason == QuotaDenialReason.None && !limit.Unlimited && outcome.Shared)
        {
            CheckThresholds(limit, period, outcome.Before >= 0 ? outcome.Before : outcome.Used - amount, outcome.Used);
        }

        return new QuotaResult(outcome.Reason, outcome.Used, limit, period.PeriodEnd);
    }

    private void CheckThresholds(MeterLimit limit, QuotaPeriod period, long before, long after)
    {
        var thresholds = catalog.AlertThresholds;
        for (var i = 0; i < thresholds.Length; i++)
        {
            var level = Level(limit.Limit, thresholds[i]);
            if (before < level && after >= level)
            {
                var bit = 1 << Math.Min(i, 30);
                if ((Interlocked.Or(ref period.AlertMask, bit) & bit) == 0)
                {
                    _ = RaiseAsync(period, thresholds[i], after, limit.Limit);
                }
            }
        }
    }

    private async Task RaiseAsync(QuotaPeriod period, int percent, long used, long limit)
    {
        try
        {
            if (await store.TryClaimAlertAsync(period, percent, CancellationToken.None).ConfigureAwait(false))
            {
                metrics.RecordAlert(period.TenantId, period.Meter, percent);
                events.Publish(new QuotaAlert(period.TenantId, time.GetUtcNow(), period.Meter, percent, used, limit, period.Start));
            }
        }
        catch (Exception ex)
        {
            metrics.RecordAlertFailure(period.TenantId, period.Meter, ex);
        }
    }

    private static long Level(long limit, int percent) =>
        limit > long.MaxValue / 1000 ? long.MaxValue : ((limit * percent) + 99) / 100;
}
