using Microsoft.Extensions.Logging;
using Tenancy.Resolution;

namespace Tenancy.AspNetCore.Diagnostics;

/// <summary>Tenancy.AspNetCore's log messages of the resolution middleware (event ids 2000–2099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, EventName = "RequestRejected", Level = LogLevel.Information, Message = "Request rejected with {Status}: tenant {Outcome} (strategy {Strategy}).")]
    public static partial void RequestRejected(ILogger logger, int status, TenantResolutionOutcome outcome, string strategy);

    [LoggerMessage(EventId = 2001, EventName = "TenantStoreFailed", Level = LogLevel.Error, Message = "The tenant store failed while resolving the request's tenant; answered 503.")]
    public static partial void TenantStoreFailed(ILogger logger, Exception exception);
}
