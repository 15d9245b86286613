namespace Tenancy.Billing.Events;

/// <summary>Stripe changed the tenant's plan or status (subscription and invoice webhooks).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Plan">The plan after the change.</param>
/// <param name="Status">The status after the change.</param>
/// <param name="Reason">The Stripe event type that caused it.</param>
public sealed record TenantBillingChanged(string TenantId, DateTimeOffset OccurredAt, string? Plan, TenantStatus Status, string Reason)
    : BillingEvent(TenantId, OccurredAt);
