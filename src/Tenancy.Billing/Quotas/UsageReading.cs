namespace Tenancy.Billing.Quotas;

/// <summary>A meter's usage at an instant and the period it belongs to.</summary>
/// <param name="Used">The usage.</param>
/// <param name="PeriodStart">The period start, or null for gauges and meters that never reset.</param>
internal readonly record struct UsageReading(long Used, DateTimeOffset? PeriodStart);
