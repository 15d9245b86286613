using System.ComponentModel.DataAnnotations;

namespace Tenancy.Billing.Redis;

/// <summary>Options of the Redis quota store.</summary>
public sealed class BillingRedisOptions
{
    /// <summary>A StackExchange.Redis configuration string (<c>host:port,password=…</c>). Ignored when a connection factory is given.</summary>
    public string? Configuration { get; set; }

    /// <summary>The prefix of every key this package writes.</summary>
    [Required]
    [StringLength(64, MinimumLength = 1)]
    public string KeyPrefix { get; set; } = "tenancy:billing:";

    /// <summary>
    /// Units leased from Redis at a time and handed out locally without a round trip (0 turns leasing off). Leases
    /// shrink near the limit and never pass it, so the hard limit stays exact; the shared counter counts leased units.
    /// </summary>
    [Range(0, 1_000_000)]
    public int LeaseBlockSize { get; set; }

    /// <summary>How often usage counted locally during an outage (fail-open meters) is added to Redis.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long counters and alert markers are kept after their period ends (snapshots read the previous day).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(3);
}
