using Microsoft.Extensions.Logging;
using Tenancy.Storage.Keys;

namespace Tenancy.Storage.Diagnostics;

/// <summary>Tenancy.Storage's source-generated log messages (event ids 4000–4499; Tenancy.Storage.S3 uses 4500–4599).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 4001, EventName = "ObjectKeyRejected", Level = LogLevel.Warning, Message = "Rejected object key for tenant {TenantId} during {Operation}: {Error}")]
    public static partial void KeyRejected(ILogger logger, string tenantId, string operation, ObjectKeyError error);

    [LoggerMessage(EventId = 4002, EventName = "ObjectStored", Level = LogLevel.Debug, Message = "Stored {Key} for tenant {TenantId} ({Size} bytes) on {Backend}")]
    public static partial void ObjectStored(ILogger logger, string tenantId, string key, long size, string backend);

    [LoggerMessage(EventId = 4003, EventName = "StorageOperationFailed", Level = LogLevel.Error, Message = "Storage operation {Operation} failed for tenant {TenantId} on {Backend}")]
    public static partial void OperationFailed(ILogger logger, Exception exception, string tenantId, string operation, string backend);

    [LoggerMessage(EventId = 4004, EventName = "TenantObjectsPurged", Level = LogLevel.Warning, Message = "Purged {Count} objects ({Bytes} bytes) of tenant {TenantId}")]
    public static partial void TenantPurged(ILogger logger, string tenantId, long count, long bytes);

    [LoggerMessage(EventId = 4006, EventName = "StorageMigrationFinished", Level = LogLevel.Information, Message = "Migration {MigrationId}: {Scanned} scanned, {Copied} copied, {AlreadyPresent} already present, {Unclassified} unclassified, {Failed} failed (dry run: {DryRun})")]
    public static partial void MigrationFinished(ILogger logger, string migrationId, long scanned, long copied, long alreadyPresent, long unclassified, long failed, bool dryRun);

    [LoggerMessage(EventId = 4007, EventName = "StorageMigrationItemFailed", Level = LogLevel.Warning, Message = "Migration {MigrationId} could not copy {SourceKey}: {Reason}")]
    public static partial void MigrationItemFailed(ILogger logger, string migrationId, string sourceKey, string reason);

    [LoggerMessage(EventId = 4008, EventName = "StorageMigrationResumed", Level = LogLevel.Information, Message = "Migration {MigrationId} resumes after {LastKey}")]
    public static partial void MigrationResumed(ILogger logger, string migrationId, string lastKey);
}
