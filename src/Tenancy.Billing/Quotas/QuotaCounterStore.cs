namespace Tenancy.Billing.Quotas;

/// <summary>Where counter meters are counted: in process, or in Redis shared by every instance.</summary>
internal abstract class QuotaCounterStore
{
    /// <summary>Atomically adds <paramref name="amount"/> when the result stays within <paramref name="cap"/>.</summary>
    public abstract ValueTask<CounterOutcome> TryConsumeAsync(QuotaPeriod period, long amount, long cap, Plans.StoreFailurePolicy policy, CancellationToken cancellationToken);

    /// <summary>Takes units back, never below zero.</summary>
    public abstract ValueTask RefundAsync(QuotaPeriod period, long amount, CancellationToken cancellationToken);

    /// <summary>The usage of the period.</summary>
    public abstract ValueTask<long> ReadAsync(QuotaPeriod period, CancellationToken cancellationToken);

    /// <summary>Claims the right to raise threshold <paramref name="percent"/> of the period; true for exactly one caller across instances.</summary>
    public abstract ValueTask<bool> TryClaimAlertAsync(QuotaPeriod period, int percent, CancellationToken cancellationToken);

    /// <summary>Whether <see cref="ReadAsync"/> can read a period other than the current one (the shared store keeps closed periods for a while).</summary>
    public virtual bool CanReadPastPeriods => false;

    /// <summary>Called once when a period is replaced by the next (returns unused leases).</summary>
    public virtual void Retire(QuotaPeriod period)
    {
    }
}
