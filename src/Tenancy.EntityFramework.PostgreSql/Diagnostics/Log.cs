using Microsoft.Extensions.Logging;

namespace Tenancy.EntityFramework.PostgreSql.Diagnostics;

/// <summary>Tenancy.EntityFramework.PostgreSql's log messages (scale-out range, event ids 8100–8199).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8100, EventName = "PostgreSqlListenFailed", Level = LogLevel.Warning, Message = "The PostgreSQL tenant-change listener lost or could not open its connection; retrying in {DelayMs} ms.")]
    public static partial void ListenFailed(ILogger logger, double delayMs, Exception exception);

    [LoggerMessage(EventId = 8101, EventName = "PostgreSqlNotifyTooLarge", Level = LogLevel.Warning, Message = "The change of tenant {TenantId} names too many keys for one notification; the other instances are told to flush instead.")]
    public static partial void NotifyTooLarge(ILogger logger, string tenantId);
}
