namespace Tenancy.Billing.Plans;

/// <summary>What a counter meter does while the shared quota store (Redis) cannot be reached.</summary>
public enum StoreFailurePolicy
{
    /// <summary>Refuse consumption (<see cref="Quotas.QuotaDenialReason.StoreUnavailable"/>).</summary>
    FailClosed = 0,

    /// <summary>Allow consumption, count it locally and add it to the shared counter when the store is back; no count is lost.</summary>
    FailOpen = 1,
}
