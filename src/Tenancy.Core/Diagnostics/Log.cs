using Microsoft.Extensions.Logging;

namespace Tenancy.Diagnostics;

/// <summary>
/// Tenancy.Core's source-generated log messages, one partial file per concern: stores and events here (event ids
/// 1000–1999; the resolver's 1000–1099, stores 1100–1199, change events 1200–1299, backplanes 1800–1899), the platform
/// services in <c>Log.Platform.cs</c> (7000–7099) and SSO/secrets in <c>Log.Sso.cs</c> (9000–9099).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1100, EventName = "ConfigurationReloadRejected", Level = LogLevel.Error, Message = "The tenant configuration{Section} changed but is invalid, so the previous tenants stay in place: {Error}")]
    public static partial void ConfigurationReloadRejected(ILogger logger, string section, string error);

    [LoggerMessage(EventId = 1101, EventName = "ConfigurationReloaded", Level = LogLevel.Information, Message = "Reloaded {Count} tenants from configuration.")]
    public static partial void ConfigurationReloaded(ILogger logger, int count);

    [LoggerMessage(EventId = 1110, EventName = "TenantCacheTrimmed", Level = LogLevel.Warning, Message = "The tenant cache reached {MaxEntries} entries and was trimmed.")]
    public static partial void TenantCacheTrimmed(ILogger logger, int maxEntries);

    [LoggerMessage(EventId = 1200, EventName = "TenantChangeSubscriberFailed", Level = LogLevel.Error, Message = "A tenant change subscriber failed for tenant {TenantId}.")]
    public static partial void TenantChangeSubscriberFailed(ILogger logger, string tenantId, Exception exception);

    [LoggerMessage(EventId = 1800, EventName = "BackplaneConnected", Level = LogLevel.Information, Message = "Tenant-change backplane connected as instance {InstanceId}.")]
    public static partial void BackplaneConnected(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1801, EventName = "BackplaneDisconnected", Level = LogLevel.Warning, Message = "Tenant-change backplane lost its connection ({ErrorType}); caches will be flushed when it is back.")]
    public static partial void BackplaneDisconnected(ILogger logger, string errorType, Exception? exception);

    [LoggerMessage(EventId = 1802, EventName = "BackplaneReconnected", Level = LogLevel.Warning, Message = "Tenant-change backplane reconnected after {OfflineMs} ms; every tenant cache is flushed.")]
    public static partial void BackplaneReconnected(ILogger logger, double offlineMs);

    [LoggerMessage(EventId = 1803, EventName = "BackplaneSendFailed", Level = LogLevel.Warning, Message = "A tenant change could not be sent to the other instances; they will be told to flush on reconnect.")]
    public static partial void BackplaneSendFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1804, EventName = "BackplaneMalformed", Level = LogLevel.Warning, Message = "A malformed tenant-change message of {Length} bytes was dropped.")]
    public static partial void BackplaneMalformed(ILogger logger, int length);
}
