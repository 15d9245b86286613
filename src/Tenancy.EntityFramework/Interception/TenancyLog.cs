using Microsoft.Extensions.Logging;

namespace Tenancy.EntityFramework.Interception;

/// <summary>Source-generated log messages of Tenancy.EntityFramework.</summary>
internal static partial class TenancyLog
{
    [LoggerMessage(EventId = 3001, EventName = "TenantFilterBypassed", Level = LogLevel.Warning, Message = "Tenant filter bypassed on {Context} (current tenant {TenantId}) by {CallerMember} ({CallerFile}:{CallerLine}): {Reason}")]
    public static partial void TenantFilterBypassed(ILogger logger, string context, string reason, string? tenantId, string callerMember, string callerFile, int callerLine);

    [LoggerMessage(EventId = 3002, EventName = "TenantOperationFinished", Level = LogLevel.Information, Message = "Tenant {TenantId}: {Operation} finished in {ElapsedMs} ms")]
    public static partial void TenantOperationSucceeded(ILogger logger, string tenantId, string operation, long elapsedMs);

    [LoggerMessage(EventId = 3003, EventName = "TenantOperationFailed", Level = LogLevel.Error, Message = "Tenant {TenantId}: {Operation} failed")]
    public static partial void TenantOperationFailed(ILogger logger, Exception exception, string tenantId, string operation);

    [LoggerMessage(EventId = 3004, EventName = "TenantRowsProcessed", Level = LogLevel.Information, Message = "Tenant {TenantId}: {Count} rows of {EntityType} {Action}")]
    public static partial void TenantRows(ILogger logger, string tenantId, int count, string entityType, string action);
}
