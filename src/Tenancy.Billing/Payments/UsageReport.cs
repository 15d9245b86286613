namespace Tenancy.Billing.Payments;

/// <summary>What was reported to Stripe for one tenant, meter and period: the running total and the last meter event's identifier.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Meter">The meter.</param>
/// <param name="PeriodStart">The start of the counter period.</param>
/// <param name="Reported">The usage reported so far in the period.</param>
/// <param name="Identifier">The identifier of the last meter event sent.</param>
/// <param name="ReportedAt">When it was sent.</param>
public sealed record UsageReport(string TenantId, string Meter, DateTimeOffset PeriodStart, long Reported, string Identifier, DateTimeOffset ReportedAt);
