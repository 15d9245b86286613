namespace Tenancy.Billing.Events;

/// <summary>
/// Receives billing events (register any number as singletons). Events are delivered off the request path by a hosted
/// service, in order; a handler that throws is logged and does not stop the others.
/// </summary>
public interface IBillingEventHandler
{
    /// <summary>Handles one event.</summary>
    /// <param name="billingEvent">The event (<see cref="QuotaAlert"/>, <see cref="PlanOverrideChanged"/> …).</param>
    /// <param name="cancellationToken">Cancels handling at shutdown.</param>
    /// <returns>A task that completes when handled.</returns>
    ValueTask HandleAsync(BillingEvent billingEvent, CancellationToken cancellationToken);
}
