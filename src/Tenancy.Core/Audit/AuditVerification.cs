namespace Tenancy.Audit;

/// <summary>The result of checking a tenant's hash chain.</summary>
/// <param name="IsIntact">Whether every entry is where and what it was when written.</param>
/// <param name="EntriesChecked">How many entries were read.</param>
/// <param name="FirstBrokenSequence">The sequence number where the chain first breaks, or <see langword="null"/>.</param>
/// <param name="Problem">What is wrong there (changed, missing or out of order), or <see langword="null"/>.</param>
public sealed record AuditVerification(bool IsIntact, long EntriesChecked, long? FirstBrokenSequence, string? Problem);
