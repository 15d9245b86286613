using System.Threading.RateLimiting;

namespace Tenancy.RateLimiting;

/// <summary>
/// Creates rate limiters whose counts are shared by every instance of the application (Tenancy.Redis registers one with
/// <c>AddRedisRateLimiter</c>). The per-tenant rate limiter of Tenancy.AspNetCore asks it for each partition and falls
/// back to its in-process limiter when it returns <see langword="null"/> (a kind of limit it does not support).
/// </summary>
public interface ISharedRateLimiterFactory
{
    /// <summary>Creates a shared fixed window for <paramref name="partition"/>.</summary>
    /// <param name="partition">A stable name of the partition (tenant, plan, pool, caller), the same on every instance.</param>
    /// <param name="options">The limits.</param>
    /// <returns>The limiter, or <see langword="null"/> when not supported.</returns>
    RateLimiter? CreateFixedWindow(string partition, FixedWindowRateLimiterOptions options);

    /// <summary>Creates a shared sliding window for <paramref name="partition"/>.</summary>
    /// <param name="partition">A stable name of the partition, the same on every instance.</param>
    /// <param name="options">The limits.</param>
    /// <returns>The limiter, or <see langword="null"/> when not supported.</returns>
    RateLimiter? CreateSlidingWindow(string partition, SlidingWindowRateLimiterOptions options);

    /// <summary>Creates a shared token bucket for <paramref name="partition"/>.</summary>
    /// <param name="partition">A stable name of the partition, the same on every instance.</param>
    /// <param name="options">The limits.</param>
    /// <returns>The limiter, or <see langword="null"/> when not supported.</returns>
    RateLimiter? CreateTokenBucket(string partition, TokenBucketRateLimiterOptions options);
}
