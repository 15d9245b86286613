namespace Tenancy.Billing.Quotas;

/// <summary>Why a consume was refused.</summary>
public enum QuotaDenialReason
{
    /// <summary>Not refused.</summary>
    None = 0,

    /// <summary>The consume would pass the hard limit (or the soft limit's ceiling) of the period.</summary>
    LimitReached = 1,

    /// <summary>The tenant's plan does not include the meter.</summary>
    NotInPlan = 2,

    /// <summary>The shared quota store (Redis) cannot be reached and the meter fails closed.</summary>
    StoreUnavailable = 3,
}
