namespace Tenancy.Billing.Http;

/// <summary>
/// The <c>type</c> URIs of the RFC 9457 problems Tenancy.Billing answers with. Status codes: a counter meter that resets
/// (a rate: per day, month or billing cycle) answers <b>429</b> with <c>Retry-After</c> at the start of the next period;
/// a plan limit that waiting does not lift (gauges, meters that never reset, a meter or feature the plan lacks) answers
/// <b>403</b>, not 402, which RFC 9110 reserves; Redis down on a fail-closed meter answers <b>503</b>.
/// </summary>
public static class BillingProblemTypes
{
    /// <summary>429: the tenant used up a meter's allowance for the period; retry after <c>Retry-After</c>.</summary>
    public const string QuotaExceeded = "urn:tenancy:problem:billing-quota-exceeded";

    /// <summary>403: the request would pass a plan limit that does not reset (storage, seats, projects); upgrade the plan or free some.</summary>
    public const string PlanLimitReached = "urn:tenancy:problem:billing-plan-limit-reached";

    /// <summary>403: the tenant's plan does not include the meter or the feature.</summary>
    public const string NotInPlan = "urn:tenancy:problem:billing-not-in-plan";

    /// <summary>403: the tenant's plan is not in the catalogue (a configuration error, logged).</summary>
    public const string UnknownPlan = "urn:tenancy:problem:billing-unknown-plan";

    /// <summary>503: the quota store cannot be reached and the meter fails closed.</summary>
    public const string QuotaStoreUnavailable = "urn:tenancy:problem:billing-quota-store-unavailable";

    /// <summary>400: the endpoint counts usage per tenant and the request names none.</summary>
    public const string TenantRequired = "urn:tenancy:problem:tenant-required";
}
