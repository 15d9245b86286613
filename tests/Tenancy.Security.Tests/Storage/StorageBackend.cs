namespace Tenancy.Security.Tests.Storage;

/// <summary>The two object-store backends every storage attack runs against.</summary>
public enum StorageBackend
{
    /// <summary>The local disk (a temporary folder).</summary>
    LocalDisk,

    /// <summary>The S3-compatible test server (fauxqs) that ./eng/test.sh starts.</summary>
    S3,
}
