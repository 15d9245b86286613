using System.Globalization;
using Tenancy.Billing.Plans;

namespace Tenancy.Billing.Quotas;

/// <summary>A tenant's meter: the current period (replaced atomically at rollover) and the tenant description it was computed for.</summary>
internal sealed class QuotaSlot(string tenantId, string meter)
{
    private volatile State? _state;

    public string TenantId { get; } = tenantId;

    public string Meter { get; } = meter;

    /// <summary>The period containing <paramref name="now"/>; <paramref name="retired"/> is the period it replaced, if any.</summary>
    public QuotaPeriod Current(TenantInfo tenant, ResetPeriod reset, DateTimeOffset now, out QuotaPeriod? retired)
    {
        retired = null;
        var state = _state;
        var ticks = now.UtcTicks;
        if (state is not null && ReferenceEquals(state.Tenant, tenant) && state.Reset == reset
            && ticks >= state.Period.StartTicks && ticks < state.Period.EndTicks)
        {
            return state.Period;
        }

        return Roll(state, tenant, reset, now, out retired);
    }

    /// <summary>The current period if one exists, without rolling.</summary>
    public QuotaPeriod? Peek => _state?.Period;

    private QuotaPeriod Roll(State? seen, TenantInfo tenant, ResetPeriod reset, DateTimeOffset now, out QuotaPeriod? retired)
    {
        while (true)
        {
            var anchor = ReadAnchor(tenant);
            var (start, end) = BillingPeriods.Containing(reset, anchor, now);
            QuotaPeriod period;
            if (seen is not null && seen.Period.StartTicks == start.UtcTicks && seen.Period.End == end)
            {
                period = seen.Period; // the same period: only the tenant description changed
            }
            else
            {
                period = new QuotaPeriod(TenantId, Meter, start, end);
            }

            var next = new State(tenant, reset, period);
#pragma warning disable CS0420 // a volatile field passed by reference: Interlocked gives the same guarantee
            var found = Interlocked.CompareExchange(ref _state, next, seen);
#pragma warning restore CS0420
            if (ReferenceEquals(found, seen))
            {
                retired = seen is not null && !ReferenceEquals(seen.Period, period) ? seen.Period : null;
                return period;
            }

            var ticks = now.UtcTicks;
            if (found is not null && ReferenceEquals(found.Tenant, tenant) && found.Reset == reset
                && ticks >= found.Period.StartTicks && ticks < found.Period.EndTicks)
            {
                retired = null;
                return found.Period;
            }

            seen = found;
        }
    }

    internal static DateTimeOffset? ReadAnchor(TenantInfo tenant) =>
        tenant.Properties.TryGetValue(BillingTenantProperties.BillingAnchor, out var text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var anchor)
            ? anchor
            : null;

    private sealed record State(TenantInfo Tenant, ResetPeriod Reset, QuotaPeriod Period);
}
