namespace Tenancy.Billing.Payments;

/// <summary>Remembers which Stripe events were processed, so that each is processed at most once.</summary>
public interface IStripeEventLedger
{
    /// <summary>Claims an event id; false when it was claimed before (a redelivery).</summary>
    /// <param name="eventId">The Stripe event id (<c>evt_…</c>).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether the caller should process the event.</returns>
    ValueTask<bool> TryClaimAsync(string eventId, CancellationToken cancellationToken = default);

    /// <summary>Releases a claim after processing failed, so that Stripe's retry is processed.</summary>
    /// <param name="eventId">The event id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when released.</returns>
    ValueTask ReleaseAsync(string eventId, CancellationToken cancellationToken = default);
}
