namespace Tenancy.Storage.Migration;

/// <summary>One migration of pre-tenancy objects into tenant prefixes (same bucket, or same disk root).</summary>
public sealed class StorageMigrationOptions
{
    /// <summary>The migration's id: names its checkpoint. 1 to 64 ASCII letters, digits, '-' or '_'. Required.</summary>
    public required string MigrationId { get; init; }

    /// <summary>Only keys under this prefix are scanned ("" for the whole bucket; the tenant root is always skipped).</summary>
    public string SourcePrefix { get; init; } = "";

    /// <summary>
    /// Rules tried first, longest prefix first: a source key that starts with a map key goes to that tenant, with the
    /// rest of the key as its tenant-relative key (<c>{"uploads/acme/": "t-1"}</c> sends <c>uploads/acme/a.pdf</c> to
    /// tenant <c>t-1</c> as <c>a.pdf</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> PrefixMap { get; init; } = new Dictionary<string, string>();

    /// <summary>A rule tried when no prefix matches: returns the target, or <see langword="null"/> for unclassified.</summary>
    public Func<string, MigrationTarget?>? Classify { get; init; }

    /// <summary>Scan and classify but copy nothing and save no checkpoint.</summary>
    public bool DryRun { get; init; }

    /// <summary>Where progress is kept. Required unless <see cref="DryRun"/>.</summary>
    public IMigrationCheckpointStore? Checkpoints { get; init; }

    /// <summary>How many keys each listing request returns (1 to 1000). Default 1000.</summary>
    public int PageSize { get; init; } = 1000;

    /// <summary>Save the checkpoint after this many keys (and always when the run stops). Default 100.</summary>
    public int CheckpointInterval { get; init; } = 100;

    /// <summary>How many unclassified and failed keys the result lists (all are counted). Default 1000.</summary>
    public int MaxReportedKeys { get; init; } = 1000;
}
