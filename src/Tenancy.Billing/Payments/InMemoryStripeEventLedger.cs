using System.Collections.Concurrent;

namespace Tenancy.Billing.Payments;

/// <summary>Processed event ids in memory (one process; replace with a durable ledger for several instances).</summary>
internal sealed class InMemoryStripeEventLedger : IStripeEventLedger
{
    private readonly ConcurrentDictionary<string, byte> _claimed = new(StringComparer.Ordinal);

    public ValueTask<bool> TryClaimAsync(string eventId, CancellationToken cancellationToken = default) => new(_claimed.TryAdd(eventId, 0));

    public ValueTask ReleaseAsync(string eventId, CancellationToken cancellationToken = default)
    {
        _claimed.TryRemove(eventId, out _);
        return ValueTask.CompletedTask;
    }
}
