namespace Tenancy.Storage.Migration;

/// <summary>What happened to one scanned key.</summary>
public enum MigrationItemOutcome
{
    /// <summary>Copied to the tenant's prefix and verified.</summary>
    Copied = 0,

    /// <summary>Dry run: would have been copied.</summary>
    WouldCopy,

    /// <summary>The tenant already has an identical object there (an earlier, interrupted run copied it).</summary>
    AlreadyPresent,

    /// <summary>No rule assigned it to a tenant.</summary>
    Unclassified,

    /// <summary>It could not be copied or verified (see the detail); the original is untouched.</summary>
    Failed,
}
