using Microsoft.Extensions.Logging;

namespace Tenancy.AspNetCore.Diagnostics;

/// <summary>
/// Tenancy.AspNetCore's source-generated log messages (event ids 2000–2999: resolution 2000–2099, rate limiting
/// 2100–2199), SSO in <c>Log.Sso.cs</c> (9100–9199).
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2100, EventName = "RequestRateLimited", Level = LogLevel.Information, Message = "Request of tenant {TenantId} (plan {Plan}, {Pool} caller) refused by the {Partition} rate limit.")]
    public static partial void RequestRateLimited(ILogger logger, string tenantId, string plan, string pool, string partition);
}
