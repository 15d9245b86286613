namespace Tenancy.Billing.Quotas;

/// <summary>One tenant's counter of one meter in one period, with the fields the stores update atomically.</summary>
internal sealed class QuotaPeriod(string tenantId, string meter, DateTimeOffset start, DateTimeOffset end)
{
    /// <summary>The in-process count (in-memory store).</summary>
    public long Used;

    /// <summary>Units leased from Redis and not handed out yet.</summary>
    public long Lease;

    /// <summary>Units granted while Redis was down (fail-open), not yet added to Redis.</summary>
    public long Pending;

    /// <summary>Bit i set once threshold i was raised by this instance.</summary>
    public int AlertMask;

    public string TenantId { get; } = tenantId;

    public string Meter { get; } = meter;

    public DateTimeOffset Start { get; } = start;

    public DateTimeOffset End { get; } = end;

    public long StartTicks { get; } = start.UtcTicks;

    public long EndTicks { get; } = end == DateTimeOffset.MaxValue ? long.MaxValue : end.UtcTicks;

    /// <summary>The Redis key, built on first use.</summary>
    public string? Key { get; set; }

    public DateTimeOffset? PeriodEnd => EndTicks == long.MaxValue ? null : End;
}
