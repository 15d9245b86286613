namespace Tenancy.Billing.Quotas;

/// <summary>A tenant's usage of one meter in the current period, for dashboards.</summary>
/// <param name="Meter">The meter.</param>
/// <param name="Used">The usage.</param>
/// <param name="Limit">The limit (<see langword="null"/> when unlimited or not in the plan).</param>
/// <param name="Ceiling">The soft limit's ceiling, if any.</param>
/// <param name="PeriodStart">The start of the period, or <see langword="null"/> for gauges and meters that never reset.</param>
/// <param name="PeriodEnd">The end of the period, or <see langword="null"/>.</param>
/// <param name="InPlan">Whether the tenant's plan includes the meter.</param>
public sealed record QuotaUsage(string Meter, long Used, long? Limit, long? Ceiling, DateTimeOffset? PeriodStart, DateTimeOffset? PeriodEnd, bool InPlan);
