namespace Tenancy.Audit;

/// <summary>Filters and a keyset page of a tenant's audit log, in sequence order.</summary>
public sealed record AuditQuery
{
    /// <summary>Only entries of this actor kind.</summary>
    public AuditActorKind? ActorKind { get; init; }

    /// <summary>Only entries of this actor id.</summary>
    public string? ActorId { get; init; }

    /// <summary>Only entries with this action.</summary>
    public string? Action { get; init; }

    /// <summary>Only entries with this target.</summary>
    public string? Target { get; init; }

    /// <summary>Only entries at or after this time.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>Only entries before this time.</summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>The keyset cursor: only entries after this sequence number (the previous page's <see cref="AuditPage.NextAfter"/>).</summary>
    public long? After { get; init; }

    /// <summary>The page size, 1 to 1,000. Default 100.</summary>
    public int Limit
    {
        get;
        init => field = value is >= 1 and <= 1000 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "An audit page holds 1 to 1,000 entries.");
    } = 100;
}
