namespace Tenancy.Billing.Events;

/// <summary>A tenant's usage of a meter reached a threshold of its limit in a period. Raised once per tenant, meter, period and threshold, across instances.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="OccurredAt">When the threshold was crossed.</param>
/// <param name="Meter">The meter.</param>
/// <param name="ThresholdPercent">The threshold in percent of <paramref name="Limit"/> (80, 100 …).</param>
/// <param name="Used">The usage that crossed it.</param>
/// <param name="Limit">The limit.</param>
/// <param name="PeriodStart">The start of the period.</param>
public sealed record QuotaAlert(string TenantId, DateTimeOffset OccurredAt, string Meter, int ThresholdPercent, long Used, long Limit, DateTimeOffset PeriodStart)
    : BillingEvent(TenantId, OccurredAt);
