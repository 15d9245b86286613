using System.ComponentModel.DataAnnotations;

namespace Tenancy.Billing.Plans;

/// <summary>One meter (configuration shape).</summary>
public sealed class MeterOptions
{
    /// <summary>The meter's name, as endpoints and <see cref="Quotas.IQuotaGuard"/> name it.</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9._-]{0,63}$", ErrorMessage = "The meter name must be 1-64 lowercase letters, digits, '.', '_' or '-'.")]
    public string Name { get; set; } = "";

    /// <summary>Counter (counted here) or gauge (read from a registered source).</summary>
    [EnumDataType(typeof(MeterKind))]
    public MeterKind Kind { get; set; }

    /// <summary>What counter consumption does while Redis cannot be reached.</summary>
    [EnumDataType(typeof(StoreFailurePolicy))]
    public StoreFailurePolicy WhenStoreUnavailable { get; set; }

    /// <summary>How long a gauge reading is reused.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan GaugeCacheTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The Stripe billing meter's event name that usage of this meter is reported under; none means not reported.</summary>
    public string? StripeEventName { get; set; }
}
