namespace Tenancy.Audit;

/// <summary>
/// One stored audit entry. <see cref="Hash"/> is the SHA-256 (hex) of every other field and <see cref="PreviousHash"/>,
/// the hash of the tenant's previous entry, so changing, removing or reordering an entry breaks the chain
/// (<see cref="AuditChain"/>).
/// </summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Sequence">The position in the tenant's log, from 1 without gaps.</param>
/// <param name="Timestamp">When it was written (UTC, microsecond precision).</param>
/// <param name="ActorKind">Who did it.</param>
/// <param name="ActorId">The actor's id.</param>
/// <param name="Action">What happened.</param>
/// <param name="Target">What it happened to.</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="RequestId">The request id.</param>
/// <param name="SourceIp">The source IP address.</param>
/// <param name="Details">Free text.</param>
/// <param name="PreviousHash">The previous entry's hash (64 zeros for the first entry).</param>
/// <param name="Hash">This entry's hash.</param>
public sealed record AuditEntry(
    string TenantId,
    long Sequence,
    DateTimeOffset Timestamp,
    AuditActorKind ActorKind,
    string? ActorId,
    string Action,
    string? Target,
    AuditOutcome Outcome,
    string? RequestId,
    string? SourceIp,
    string? Details,
    string PreviousHash,
    string Hash);
