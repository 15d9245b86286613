using System.ComponentModel.DataAnnotations;

namespace Tenancy.Scim;

/// <summary>Settings of the SCIM endpoints. Validated at start-up.</summary>
public sealed class ScimOptions
{
    /// <summary>The largest request body accepted, in bytes; larger bodies are answered 413. Default 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>The page size when a list request gives no <c>count</c>. Default 100.</summary>
    [Range(1, 10_000)]
    public int DefaultPageSize { get; set; } = 100;

    /// <summary>The largest page returned, whatever <c>count</c> asks for (advertised as <c>filter.maxResults</c>). Default 1000.</summary>
    [Range(1, 10_000)]
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>
    /// Requests each tenant may make per <see cref="RateLimitWindow"/> on the SCIM endpoints; further requests are
    /// answered 429 with <c>Retry-After</c>. 0 turns the limit off. Default 1200 (per minute).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int RateLimitPermits { get; set; } = 1200;

    /// <summary>The window of <see cref="RateLimitPermits"/>. Default one minute.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How stale a token's last-used time may get before a request writes it again. Default five minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan LastUsedResolution { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Whether each SCIM request is written to the tenant's provisioning log. Default on.</summary>
    public bool ProvisioningLog { get; set; } = true;
}
