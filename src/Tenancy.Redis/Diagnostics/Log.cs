using Microsoft.Extensions.Logging;

namespace Tenancy.Redis.Diagnostics;

/// <summary>Tenancy.Redis's log messages (event ids 8000–8099).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 8000, EventName = "RedisBackplaneConnectFailed", Level = LogLevel.Warning, Message = "The Redis tenant-change backplane could not subscribe; retrying in {DelayMs} ms.")]
    public static partial void BackplaneConnectFailed(ILogger logger, double delayMs, Exception exception);

    [LoggerMessage(EventId = 8010, EventName = "RedisCacheInvalidationFailed", Level = LogLevel.Warning, Message = "The second-level tenant cache could not drop the entries of tenant {TenantId}; they expire after the cache's time to live.")]
    public static partial void CacheInvalidationFailed(ILogger logger, string tenantId, Exception exception);

    [LoggerMessage(EventId = 8020, EventName = "RedisRateLimiterUnavailable", Level = LogLevel.Warning, Message = "The distributed rate limiter could not reach Redis for tenant {TenantId}; applying the {Policy} policy.")]
    public static partial void RateLimiterUnavailable(ILogger logger, string tenantId, string policy, Exception exception);
}
