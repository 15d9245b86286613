using Microsoft.Extensions.Logging;

namespace Tenancy.Diagnostics;

/// <summary>Tenancy.Core's log messages of tenant resolution (event ids 1000–1099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1000, EventName = "TenantNotResolved", Level = LogLevel.Debug, Message = "Tenant not resolved: {Outcome} (strategy {Strategy}).")]
    public static partial void TenantNotResolved(ILogger logger, string outcome, string strategy);

    [LoggerMessage(EventId = 1001, EventName = "ResolutionObserverFailed", Level = LogLevel.Error, Message = "Tenant resolution observer {Observer} failed.")]
    public static partial void ResolutionObserverFailed(ILogger logger, string observer, Exception exception);
}
