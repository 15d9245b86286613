using System.Threading.RateLimiting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tenancy.RateLimiting;
using Tenancy.Redis.Connection;

namespace Tenancy.Redis.RateLimiting;

/// <summary>
/// Creates <see cref="RedisRateLimiter"/>s: one per partition key (a tenant, its pool and caller), on Tenancy's own
/// Redis connection, each with an in-process fallback of the same limits. Registered by <c>AddRedisRateLimiter</c>;
/// the per-tenant rate limiter of Tenancy.AspNetCore uses it for every fixed-window and token-bucket plan.
/// </summary>
public sealed class RedisRateLimiterFactory : ISharedRateLimiterFactory
{
    internal RedisRateLimiterFactory(TenancyRedisConnection connection, IOptions<RedisRateLimiterOptions> options, TimeProvider? timeProvider = null, ILogger<RedisRateLimiterFactory>? logger = null)
    {
        Connection = connection;
        Options = options.Value;
        Time = timeProvider ?? TimeProvider.System;
        Logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The options.</summary>
    public RedisRateLimiterOptions Options { get; }

    internal TenancyRedisConnection Connection { get; }

    internal TimeProvider Time { get; }

    internal ILogger Logger { get; }

    /// <summary>A fixed window shared by every instance under <paramref name="partition"/>.</summary>
    /// <param name="partition">The partition (for example <c>tenant/plan/pool/caller</c>); becomes part of the Redis key.</param>
    /// <param name="options">The window. Queueing is not supported (a refusal is immediate).</param>
    /// <returns>The limiter.</returns>
    public RateLimiter CreateFixedWindow(string partition, FixedWindowRateLimiterOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.PermitLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Window, TimeSpan.FromMilliseconds(1));
        var limit = options.PermitLimit;
        var window = (long)options.Window.TotalMilliseconds;
        return new RedisRateLimiter(
            this,
            partition,
            Connection.Key("rl:fw:" + partition),
            RedisLimitScripts.FixedWindow,
            (key, requested) => new { key, limit, window, requested },
            new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions { PermitLimit = limit, Window = options.Window, AutoReplenishment = true }));
    }

    /// <summary>A token bucket shared by every instance under <paramref name="partition"/>.</summary>
    /// <param name="partition">The partition; becomes part of the Redis key.</param>
    /// <param name="options">The bucket. Queueing is not supported (a refusal is immediate).</param>
    /// <returns>The limiter.</returns>
    public RateLimiter CreateTokenBucket(string partition, TokenBucketRateLimiterOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(partition);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TokenLimit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.TokensPerPeriod, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReplenishmentPeriod, TimeSpan.FromMilliseconds(1));
        var capacity = options.TokenLimit;
        var per = options.TokensPerPeriod;
        var period = (long)options.ReplenishmentPeriod.TotalMilliseconds;
        return new RedisRateLimiter(
            this,
            partition,
            Connection.Key("rl:tb:" + partition),
            RedisLimitScripts.TokenBucket,
            (key, requested) => new { key, capacity, per, period, requested },
            new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = capacity, TokensPerPeriod = per, ReplenishmentPeriod = options.ReplenishmentPeriod, AutoReplenishment = true,
            }));
    }

    /// <summary>Not supported: sliding windows stay in process (use a fixed window or a token bucket for shared limits).</summary>
    /// <param name="partition">The partition.</param>
    /// <param name="options">The limits.</param>
    /// <returns><see langword="null"/>.</returns>
    public RateLimiter? CreateSlidingWindow(string partition, SlidingWindowRateLimiterOptions options) => null;

    /// <summary>Whether Redis is connected (so a call is worth trying without waiting for a timeout).</summary>
    internal bool IsConnected => Connection.Current is { IsConnected: true };
}
