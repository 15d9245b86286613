namespace Tenancy.Billing.Events;

/// <summary>Stripe announced that the tenant's trial ends soon (<c>customer.subscription.trial_will_end</c>).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="OccurredAt">When Stripe sent it.</param>
/// <param name="TrialEnd">When the trial ends.</param>
public sealed record TrialEnding(string TenantId, DateTimeOffset OccurredAt, DateTimeOffset? TrialEnd)
    : BillingEvent(TenantId, OccurredAt);
