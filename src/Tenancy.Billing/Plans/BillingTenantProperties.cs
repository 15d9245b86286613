namespace Tenancy.Billing.Plans;

/// <summary>The <see cref="TenantInfo.Properties"/> keys that Tenancy.Billing reads and writes.</summary>
public static class BillingTenantProperties
{
    /// <summary>The billing cycle anchor (ISO 8601 date-time, UTC): counter periods with <see cref="ResetPeriod.BillingCycle"/> start on its day and time each month.</summary>
    public const string BillingAnchor = "billing:anchor";

    /// <summary>The Stripe customer id (<c>cus_…</c>).</summary>
    public const string StripeCustomerId = "stripe:customer";

    /// <summary>The Stripe subscription id (<c>sub_…</c>).</summary>
    public const string StripeSubscriptionId = "stripe:subscription";

    /// <summary>When the first unpaid invoice failed (ISO 8601, UTC); cleared when an invoice is paid.</summary>
    public const string PaymentFailedAt = "billing:payment-failed-at";

    /// <summary>Set to <c>true</c> when Tenancy.Billing suspended the tenant for non-payment, so that a paid invoice reactivates only those tenants.</summary>
    public const string SuspendedForNonPayment = "billing:suspended-for-non-payment";
}
