namespace Tenancy.Stores;

/// <summary>Options of <see cref="CachingTenantStore"/>, set with <c>TenancyBuilder.WithCaching</c> and validated at start-up.</summary>
public sealed class TenantStoreCacheOptions
{
    /// <summary>How long a found tenant is served from the cache without asking the store. Default 5 minutes.
    /// Changes published through <see cref="Events.ITenantChangeNotifier"/> evict earlier.</summary>
    public TimeSpan TimeToLive { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long "no such tenant" is remembered, so that floods of unknown hosts do not reach the store.
    /// Default 10 seconds; <see cref="TimeSpan.Zero"/> turns negative caching off.</summary>
    public TimeSpan NegativeTimeToLive { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The most entries (by id, identifier and domain together) the cache holds. Default 100,000.
    /// When it is full, expired and negative entries are dropped first, then everything.</summary>
    public int MaxEntries { get; set; } = 100_000;

    /// <summary>Returns the problems with these options, if any.</summary>
    /// <returns>The problems; empty when the options are valid.</returns>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (TimeToLive <= TimeSpan.Zero)
        {
            errors.Add($"{nameof(TimeToLive)} must be positive.");
        }

        if (NegativeTimeToLive < TimeSpan.Zero)
        {
            errors.Add($"{nameof(NegativeTimeToLive)} must not be negative.");
        }

        if (MaxEntries < 1)
        {
            errors.Add($"{nameof(MaxEntries)} must be at least 1.");
        }

        return errors;
    }
}
