using System.Collections.Concurrent;
using Tenancy.Billing.Events;

namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>Keeps every billing event it receives.</summary>
public sealed class RecordingHandler : IBillingEventHandler
{
    public ConcurrentQueue<BillingEvent> Events { get; } = new();

    public IEnumerable<QuotaAlert> Alerts => Events.OfType<QuotaAlert>();

    public ValueTask HandleAsync(BillingEvent billingEvent, CancellationToken cancellationToken)
    {
        Events.Enqueue(billingEvent);
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits until <paramref name="predicate"/> holds (delivery is asynchronous), up to a generous bound.</summary>
    public async Task WaitForAsync(Func<RecordingHandler, bool> predicate)
    {
        for (var i = 0; i < 200 && !predicate(this); i++)
        {
            await Task.Delay(25);
        }
    }
}
