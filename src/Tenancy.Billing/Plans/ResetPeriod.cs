namespace Tenancy.Billing.Plans;

/// <summary>When a counter meter starts again from zero.</summary>
public enum ResetPeriod
{
    /// <summary>Monthly, on the day and time of the tenant's billing anchor (see <see cref="BillingTenantProperties.BillingAnchor"/>); the calendar month when the tenant has none.</summary>
    BillingCycle = 0,

    /// <summary>Every UTC day at midnight.</summary>
    Day = 1,

    /// <summary>Every calendar month (UTC).</summary>
    Month = 2,

    /// <summary>Never: the counter accumulates for the life of the tenant.</summary>
    Never = 3,
}
