namespace Tenancy.Billing.Quotas;

/// <summary>Counts in process with lock-free compare-and-swap on the period's counter: exact, allocation-free, one process only.</summary>
internal sealed class InMemoryQuotaCounterStore : QuotaCounterStore
{
    public override ValueTask<CounterOutcome> TryConsumeAsync(QuotaPeriod period, long amount, long cap, Plans.StoreFailurePolicy policy, CancellationToken cancellationToken) =>
        new(Consume(ref period.Used, amount, cap));

    public override ValueTask RefundAsync(QuotaPeriod period, long amount, CancellationToken cancellationToken)
    {
        Refund(ref period.Used, amount);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<long> ReadAsync(QuotaPeriod period, CancellationToken cancellationToken) => new(Volatile.Read(ref period.Used));

    public override ValueTask<bool> TryClaimAlertAsync(QuotaPeriod period, int percent, CancellationToken cancellationToken) => new(true);

    internal static CounterOutcome Consume(ref long counter, long amount, long cap)
    {
        var used = Volatile.Read(ref counter);
        while (true)
        {
            if (used > cap - amount)
            {
                return new CounterOutcome(QuotaDenialReason.LimitReached, used);
            }

            var seen = Interlocked.CompareExchange(ref counter, used + amount, used);
            if (seen == used)
            {
                return new CounterOutcome(QuotaDenialReason.None, used + amount);
            }

            used = seen;
        }
    }

    internal static void Refund(ref long counter, long amount)
    {
        var used = Volatile.Read(ref counter);
        while (true)
        {
            var next = Math.Max(0, used - amount);
            var seen = Interlocked.CompareExchange(ref counter, next, used);
            if (seen == used)
            {
                return;
            }

            used = seen;
        }
    }
}
