using System.ComponentModel.DataAnnotations;

namespace Tenancy.Redis.RateLimiting;

/// <summary>Options of the distributed (Redis) rate limiter. Validated at start-up.</summary>
public sealed class RedisRateLimiterOptions
{
    /// <summary>What to do while Redis cannot be reached. Default <see cref="RedisUnavailablePolicy.FailOpen"/>.</summary>
    [EnumDataType(typeof(RedisUnavailablePolicy))]
    public RedisUnavailablePolicy WhenRedisIsDown { get; set; } = RedisUnavailablePolicy.FailOpen;

    /// <summary>The <c>Retry-After</c> of a request refused because Redis is down (<see cref="RedisUnavailablePolicy.FailClosed"/>). Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfterWhenDown { get; set; } = TimeSpan.FromSeconds(1);
}
