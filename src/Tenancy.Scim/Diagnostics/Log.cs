using Microsoft.Extensions.Logging;

namespace Tenancy.Scim.Diagnostics;

/// <summary>Tenancy.Scim's log events (5000–5999). Never logs tokens, passwords or request bodies.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 5001, EventName = "ScimCredentialRefused", Level = LogLevel.Information, Message = "SCIM request refused: {Reason}.")]
    public static partial void CredentialRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 5002, EventName = "ScimRequestFailed", Level = LogLevel.Information, Message = "SCIM {Method} {Resource} of tenant {TenantId} answered {Status} {ScimType}: {Detail}")]
    public static partial void RequestFailed(ILogger logger, string method, string resource, string tenantId, int status, string? scimType, string detail);

    [LoggerMessage(EventId = 5003, EventName = "ScimUnexpectedError", Level = LogLevel.Error, Message = "SCIM {Method} {Resource} of tenant {TenantId} failed unexpectedly.")]
    public static partial void UnexpectedError(ILogger logger, string method, string resource, string? tenantId, Exception exception);

    [LoggerMessage(EventId = 5004, EventName = "ScimEventSinkFailed", Level = LogLevel.Warning, Message = "SCIM event sink {Sink} failed on {Kind} of {ResourceId}.")]
    public static partial void EventSinkFailed(ILogger logger, string sink, string kind, string resourceId, Exception exception);

    [LoggerMessage(EventId = 5005, EventName = "ScimProvisioningLogFailed", Level = LogLevel.Warning, Message = "Writing the SCIM provisioning log failed.")]
    public static partial void ProvisioningLogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5006, EventName = "ScimRateLimited", Level = LogLevel.Information, Message = "SCIM request of tenant {TenantId} refused by the rate limiter.")]
    public static partial void RateLimited(ILogger logger, string tenantId);
}
