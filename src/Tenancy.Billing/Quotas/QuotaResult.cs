using Tenancy.Billing.Plans;

namespace Tenancy.Billing.Quotas;

/// <summary>The answer of <see cref="IQuotaGuard.TryConsumeAsync(string, long, CancellationToken)"/>: granted or refused, and where the tenant stands.</summary>
public readonly struct QuotaResult
{
    internal QuotaResult(QuotaDenialReason reason, long used, MeterLimit? limit, DateTimeOffset? periodEnd)
    {
        Reason = reason;
        Used = used;
        Limit = limit?.Limit ?? 0;
        var bound = limit is null ? 0 : limit.Cap != long.MaxValue ? limit.Cap : limit.Limit;
        Remaining = bound == long.MaxValue ? long.MaxValue : Math.Max(0, bound - used);
        PeriodEnd = periodEnd;
        Reset = limit?.Reset ?? ResetPeriod.Never;
        IsGauge = limit?.Meter.Kind == MeterKind.Gauge;
    }

    /// <summary>Whether the units were granted (and counted).</summary>
    public bool Granted => Reason == QuotaDenialReason.None;

    /// <summary>Why it was refused, or <see cref="QuotaDenialReason.None"/>.</summary>
    public QuotaDenialReason Reason { get; }

    /// <summary>The usage of the period after the call (as far as this instance knows).</summary>
    public long Used { get; }

    /// <summary>The plan's limit (the soft limit for soft meters); <see cref="long.MaxValue"/> when unlimited.</summary>
    public long Limit { get; }

    /// <summary>What may still be consumed in the period (up to the hard limit or soft ceiling).</summary>
    public long Remaining { get; }

    /// <summary>When the period ends and the counter starts again, or <see langword="null"/> when it never resets.</summary>
    public DateTimeOffset? PeriodEnd { get; }

    /// <summary>The meter's reset period.</summary>
    public ResetPeriod Reset { get; }

    /// <summary>Whether the meter is a gauge (a level, not a rate).</summary>
    public bool IsGauge { get; }
}
