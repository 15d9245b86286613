using Microsoft.Extensions.Logging;

namespace Tenancy.Diagnostics;

/// <summary>The platform services' messages (API keys, members, lifecycle; event ids 7000–7099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 7000, EventName = "ApiKeyCreated", Level = LogLevel.Information, Message = "API key {KeyId} created for tenant {TenantId}.")]
    public static partial void ApiKeyCreated(ILogger logger, string keyId, string tenantId);

    [LoggerMessage(EventId = 7001, EventName = "ApiKeyRevoked", Level = LogLevel.Information, Message = "API key {KeyId} of tenant {TenantId} revoked.")]
    public static partial void ApiKeyRevoked(ILogger logger, string keyId, string tenantId);

    [LoggerMessage(EventId = 7002, EventName = "ApiKeyRotated", Level = LogLevel.Information, Message = "API key {KeyId} of tenant {TenantId} rotated to {NewKeyId}; the old key works until {Until}.")]
    public static partial void ApiKeyRotated(ILogger logger, string keyId, string tenantId, string newKeyId, DateTimeOffset until);

    [LoggerMessage(EventId = 7003, EventName = "ApiKeyUsageFlushFailed", Level = LogLevel.Warning, Message = "Writing the last-used times of {Count} API keys failed; they are retried at the next flush.")]
    public static partial void ApiKeyUsageFlushFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 7004, EventName = "ApiKeyCacheTrimmed", Level = LogLevel.Warning, Message = "The API key cache reached {MaxEntries} entries and was emptied.")]
    public static partial void ApiKeyCacheTrimmed(ILogger logger, int maxEntries);

    [LoggerMessage(EventId = 7010, EventName = "MembershipChanged", Level = LogLevel.Information, Message = "Membership of user {UserId} in tenant {TenantId} changed: {Change}.")]
    public static partial void MembershipChanged(ILogger logger, string userId, string tenantId, string change);

    [LoggerMessage(EventId = 7011, EventName = "RoleSourceFailed", Level = LogLevel.Error, Message = "Role source {Source} failed for tenant {TenantId}; its roles are left out.")]
    public static partial void RoleSourceFailed(ILogger logger, string source, string tenantId, Exception exception);

    [LoggerMessage(EventId = 7020, EventName = "LifecycleStepDone", Level = LogLevel.Information, Message = "Lifecycle step {Step} of {Operation} done for tenant {TenantId}.")]
    public static partial void LifecycleStepDone(ILogger logger, string step, string operation, string tenantId);

    [LoggerMessage(EventId = 7021, EventName = "LifecycleStepFailed", Level = LogLevel.Error, Message = "Lifecycle step {Step} of {Operation} failed for tenant {TenantId}; rerun to resume from it.")]
    public static partial void LifecycleStepFailed(ILogger logger, string step, string operation, string tenantId, Exception exception);
}
