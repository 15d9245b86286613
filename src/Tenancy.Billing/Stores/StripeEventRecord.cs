namespace Tenancy.Billing.Stores;

/// <summary>A processed Stripe event id (global: Stripe events belong to the account, not to a tenant).</summary>
internal sealed class StripeEventRecord
{
    public string EventId { get; set; } = "";

    public DateTimeOffset ProcessedAt { get; set; }
}
