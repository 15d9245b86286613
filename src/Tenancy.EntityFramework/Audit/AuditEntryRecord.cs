namespace Tenancy.EntityFramework.Audit;

/// <summary>A row of the <c>TenantAuditLog</c> table (tenant-scoped). Inserted and read only.</summary>
public sealed class AuditEntryRecord : ITenantScoped
{
    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The position in the tenant's chain.</summary>
    public long Sequence { get; set; }

    /// <summary>The time in UTC ticks (exact, so the hash checks on every provider).</summary>
    public long TimestampTicks { get; set; }

    /// <summary>The actor kind.</summary>
    public int ActorKind { get; set; }

    /// <summary>The actor id.</summary>
    public string? ActorId { get; set; }

    /// <summary>The action.</summary>
    public string Action { get; set; } = string.Empty;

    /// <summary>The target.</summary>
    public string? Target { get; set; }

    /// <summary>The outcome.</summary>
    public int Outcome { get; set; }

    /// <summary>The request id.</summary>
    public string? RequestId { get; set; }

    /// <summary>The source IP address.</summary>
    public string? SourceIp { get; set; }

    /// <summary>Free text.</summary>
    public string? Details { get; set; }

    /// <summary>The previous entry's hash.</summary>
    public string PreviousHash { get; set; } = string.Empty;

    /// <summary>This entry's hash.</summary>
    public string Hash { get; set; } = string.Empty;
}
