using Microsoft.Extensions.Logging;

namespace Tenancy.Storage.Diagnostics;

/// <summary>Source-generated log messages of Tenancy.Storage.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(1, LogLevel.Warning, "Rejected object key for tenant {TenantId} during {Operation}: {Error}")]
    public static partial void KeyRejected(ILogger logger, string tenantId, string operation, ObjectKeyError error);

    [LoggerMessage(2, LogLevel.Debug, "Stored {Key} for tenant {TenantId} ({Size} bytes) on {Backend}")]
    public static partial void ObjectStored(ILogger logger, string tenantId, string key, long size, string backend);

    [LoggerMessage(3, LogLevel.Error, "Storage operation {Operation} failed for tenant {TenantId} on {Backend}")]
    public static partial void OperationFailed(ILogger logger, Exception exception, string tenantId, string operation, string backend);

    [LoggerMessage(4, LogLevel.Warning, "Purged {Count} objects ({Bytes} bytes) of tenant {TenantId}")]
    public static partial void TenantPurged(ILogger logger, string tenantId, long count, long bytes);

    [LoggerMessage(6, LogLevel.Information, "Migration {MigrationId}: {Scanned} scanned, {Copied} copied, {AlreadyPresent} already present, {Unclassified} unclassified, {Failed} failed (dry run: {DryRun})")]
    public static partial void MigrationFinished(ILogger logger, string migrationId, long scanned, long copied, long alreadyPresent, long unclassified, long failed, bool dryRun);

    [LoggerMessage(7, LogLevel.Warning, "Migration {MigrationId} could not copy {SourceKey}: {Reason}")]
    public static partial void MigrationItemFailed(ILogger logger, string migrationId, string sourceKey, string reason);

    [LoggerMessage(8, LogLevel.Information, "Migration {MigrationId} resumes after {LastKey}")]
    public static partial void MigrationResumed(ILogger logger, string migrationId, string lastKey);
}
