namespace Tenancy.Billing.Events;

/// <summary>Something Tenancy.Billing tells the host about (alerts, overrides, trials). Delivered to every <see cref="IBillingEventHandler"/>.</summary>
/// <param name="TenantId">The tenant the event is about.</param>
/// <param name="OccurredAt">When it happened.</param>
public abstract record BillingEvent(string TenantId, DateTimeOffset OccurredAt);
