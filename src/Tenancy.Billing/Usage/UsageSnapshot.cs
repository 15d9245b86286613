using Tenancy.EntityFramework;

namespace Tenancy.Billing.Usage;

/// <summary>One tenant's usage of one meter at the end of (or during) one UTC day. Tenant-scoped: filtered, guarded and, on PostgreSQL, covered by row-level security.</summary>
public sealed class UsageSnapshot : ITenantScoped
{
    /// <summary>The tenant (set by Tenancy.EntityFramework on save).</summary>
    public string TenantId { get; set; } = "";

    /// <summary>The meter.</summary>
    public string Meter { get; set; } = "";

    /// <summary>The UTC day.</summary>
    public DateOnly Day { get; set; }

    /// <summary>The usage of the meter's period as of <see cref="RecordedAt"/> (the level, for gauges).</summary>
    public long Used { get; set; }

    /// <summary>The limit in force, or <see langword="null"/> when unlimited.</summary>
    public long? Limit { get; set; }

    /// <summary>The start of the counter period the usage belongs to, or <see langword="null"/> for gauges and meters that never reset.</summary>
    public DateTimeOffset? PeriodStart { get; set; }

    /// <summary>When the snapshot was (last) written.</summary>
    public DateTimeOffset RecordedAt { get; set; }
}
