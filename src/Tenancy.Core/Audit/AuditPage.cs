namespace Tenancy.Audit;

/// <summary>One page of audit entries.</summary>
/// <param name="Entries">The entries, in sequence order.</param>
/// <param name="NextAfter">The cursor for the next page (<see cref="AuditQuery.After"/>), or <see langword="null"/> on the last page.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, long? NextAfter);
