using System.ComponentModel.DataAnnotations;

namespace Tenancy.Stores;

/// <summary>Options of <see cref="CachingTenantStore"/>, set with <c>TenancyBuilder.WithCaching</c> and validated at start-up.</summary>
public sealed class TenantStoreCacheOptions : IValidatableObject
{
    /// <summary>How long a found tenant is served from the cache without asking the store. Default 5 minutes.
    /// Changes published through <see cref="Events.ITenantChangeNotifier"/> evict earlier.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long "no such tenant" is remembered, so that floods of unknown hosts do not reach the store.
    /// Default 10 seconds; <see cref="TimeSpan.Zero"/> turns negative caching off.</summary>
    public TimeSpan NegativeTimeToLive { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most entries (by id, identifier and domain together) the cache holds. Default 100,000.
    /// When it is full, expired and negative entries are dropped first, then everything.</summary>
    [Range(1, int.MaxValue)]
    public int MaxEntries { get; set; } = 100_000;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeToLive <= TimeSpan.Zero)
        {
            yield return new ValidationResult($"{nameof(TimeToLive)} must be positive.", [nameof(TimeToLive)]);
        }

        if (NegativeTimeToLive < TimeSpan.Zero)
        {
            yield return new ValidationResult($"{nameof(NegativeTimeToLive)} must not be negative.", [nameof(NegativeTimeToLive)]);
        }
    }
}
