namespace Tenancy.Storage.Migration;

/// <summary>Reported after each scanned key.</summary>
/// <param name="SourceKey">The key just handled.</param>
/// <param name="Outcome">What happened to it.</param>
/// <param name="Target">Where it went (or would go), when classified.</param>
/// <param name="Detail">Why it failed, when it did.</param>
/// <param name="Totals">The run's totals so far (including earlier, resumed runs).</param>
public sealed record MigrationProgress(string SourceKey, MigrationItemOutcome Outcome, MigrationTarget? Target, string? Detail, MigrationCheckpoint Totals);
