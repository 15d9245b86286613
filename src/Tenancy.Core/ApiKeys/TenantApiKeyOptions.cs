using System.ComponentModel.DataAnnotations;

namespace Tenancy.ApiKeys;

/// <summary>
/// Options of <see cref="TenantApiKeyService"/>, set with <c>AddApiKeys(...)</c> and validated at start-up (the attributes by a
/// source-generated validator, the time spans by <see cref="Validate"/>, which names the failing member).
/// </summary>
public sealed class TenantApiKeyOptions : IValidatableObject
{
    /// <summary>The environment label in tokens (<c>tnc_live_…</c>); 2 to 8 lowercase letters. Default <c>live</c>.</summary>
    [Required]
    [RegularExpression("^[a-z]{2,8}$")]
    public string Environment { get; set; } = "live";

    /// <summary>
    /// How long a key found in the store is checked from memory without asking the store again. Revocation through this
    /// process evicts at once; another process's revocation is seen within this time. Default 30 seconds.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an unknown key id is remembered, so floods of made-up keys do not reach the store. Default 5 seconds.</summary>
    public TimeSpan NegativeCacheDuration { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The most keys the cache holds before it is emptied. Default 100,000.</summary>
    [Range(1, int.MaxValue)]
    public int MaxCacheEntries { get; set; } = 100_000;

    /// <summary>How often last-used times are written (each key at most once per interval). Default 1 minute.</summary>
    public TimeSpan UsageFlushInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long the old key keeps working after a rotation, unless the call says otherwise. Default 1 day.</summary>
    public TimeSpan DefaultRotationOverlap { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Returns the problems with the time spans, each naming its member.</summary>
    /// <param name="validationContext">The validation context.</param>
    /// <returns>The problems; empty when valid.</returns>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var errors = new List<ValidationResult>();
        Check(errors, CacheDuration, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1), nameof(CacheDuration));
        Check(errors, NegativeCacheDuration, TimeSpan.Zero, TimeSpan.FromMinutes(10), nameof(NegativeCacheDuration));
        Check(errors, UsageFlushInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), nameof(UsageFlushInterval));
        Check(errors, DefaultRotationOverlap, TimeSpan.Zero, TimeSpan.FromDays(365), nameof(DefaultRotationOverlap));
        return errors;
    }

    private static void Check(List<ValidationResult> errors, TimeSpan value, TimeSpan min, TimeSpan max, string member)
    {
        if (value < min || value > max)
        {
            errors.Add(new ValidationResult($"TenantApiKeyOptions.{member} must be between {min} and {max}.", [member]));
        }
    }
}
