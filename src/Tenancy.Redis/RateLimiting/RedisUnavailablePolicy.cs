namespace Tenancy.Redis.RateLimiting;

/// <summary>What the distributed rate limiter does while Redis cannot be reached.</summary>
public enum RedisUnavailablePolicy
{
    /// <summary>Limit each instance on its own with an in-process limiter of the same limits (up to N × instances in total). The default.</summary>
    FailOpen = 0,

    /// <summary>Refuse every request (429 with <c>Retry-After</c>) until Redis is back.</summary>
    FailClosed = 1,
}
