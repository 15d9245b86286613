using System.ComponentModel.DataAnnotations;

namespace Tenancy.Redis.Caching;

/// <summary>Options of the shared (second-level) tenant cache in Redis. Validated at start-up.</summary>
public sealed class RedisTenantCacheOptions
{
    /// <summary>How long a tenant stays in Redis. Default 5 minutes; changes published through the backplane remove it earlier.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long "no such tenant" stays in Redis. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan NegativeTimeToLive { get; set; } = TimeSpan.FromSeconds(10);
}
