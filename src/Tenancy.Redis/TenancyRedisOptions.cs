using System.ComponentModel.DataAnnotations;

namespace Tenancy.Redis;

/// <summary>Where Tenancy's Redis parts connect and what they name their keys and channel. Validated at start-up.</summary>
public sealed class TenancyRedisOptions
{
    /// <summary>The StackExchange.Redis configuration string (<c>host:port,password=…</c>). Required.</summary>
    [Required]
    public string Configuration { get; set; } = "";

    /// <summary>The prefix of every key and channel Tenancy uses, so that several applications can share one Redis. Default <c>tenancy:</c>.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9:_\-\.]{1,64}$")]
    public string Prefix { get; set; } = "tenancy:";

    /// <summary>The longest pause between reconnection attempts (exponential back-off from 100 ms). Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a command may take before it fails (and the fallback policy applies). Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
