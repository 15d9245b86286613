namespace Tenancy.Storage.Migration;

/// <summary>A key that could not be migrated.</summary>
/// <param name="SourceKey">The source key.</param>
/// <param name="Reason">Why.</param>
public sealed record MigrationFailure(string SourceKey, string Reason);
