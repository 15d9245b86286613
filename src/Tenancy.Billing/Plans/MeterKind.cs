namespace Tenancy.Billing.Plans;

/// <summary>What a meter measures.</summary>
public enum MeterKind
{
    /// <summary>A count of events in a period (API requests, reports), kept by the quota store.</summary>
    Counter = 0,

    /// <summary>A level read from a source the host registers (bytes stored, seats, projects), cached with a time to live.</summary>
    Gauge = 1,
}
