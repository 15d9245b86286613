namespace Tenancy.Storage.Migration;

/// <summary>
/// How far a migration got: the last source key fully handled (keys are scanned in order, so a resumed run starts after
/// it) and the running totals.
/// </summary>
public sealed record MigrationCheckpoint
{
    /// <summary>The migration's id.</summary>
    public required string MigrationId { get; init; }

    /// <summary>The last source key fully handled, or <see langword="null"/> before the first.</summary>
    public string? LastKey { get; init; }

    /// <summary>Keys scanned.</summary>
    public long Scanned { get; init; }

    /// <summary>Keys copied and verified.</summary>
    public long Copied { get; init; }

    /// <summary>Keys a dry run would have copied.</summary>
    public long WouldCopy { get; init; }

    /// <summary>Keys whose copy already existed.</summary>
    public long AlreadyPresent { get; init; }

    /// <summary>Keys that no rule classified.</summary>
    public long Unclassified { get; init; }

    /// <summary>Keys that failed.</summary>
    public long Failed { get; init; }

    /// <summary>Whether the scan reached the end.</summary>
    public bool Completed { get; init; }

    /// <summary>Unclassified keys (the first <see cref="StorageMigrationOptions.MaxReportedKeys"/>).</summary>
    public IReadOnlyList<string> UnclassifiedKeys { get; init; } = [];

    /// <summary>Failures (the first <see cref="StorageMigrationOptions.MaxReportedKeys"/>).</summary>
    public IReadOnlyList<MigrationFailure> Failures { get; init; } = [];
}
