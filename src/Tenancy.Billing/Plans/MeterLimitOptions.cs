using System.ComponentModel.DataAnnotations;

namespace Tenancy.Billing.Plans;

/// <summary>One plan's limit on one meter (configuration shape).</summary>
public sealed class MeterLimitOptions
{
    /// <summary>The meter's name (one of <see cref="PlanCatalogOptions.Meters"/>).</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9._-]{0,63}$", ErrorMessage = "The meter name must be 1-64 lowercase letters, digits, '.', '_' or '-'.")]
    public string Meter { get; set; } = "";

    /// <summary>The limit in the meter's unit. For a <see cref="LimitKind.Soft"/> limit, the level that raises the 100% alert.</summary>
    [Range(0, long.MaxValue)]
    public long Limit { get; set; }

    /// <summary>Whether consumption past <see cref="Limit"/> is refused (<see cref="LimitKind.Hard"/>) or allowed up to <see cref="Ceiling"/>.</summary>
    [EnumDataType(typeof(LimitKind))]
    public LimitKind Kind { get; set; }

    /// <summary>For a soft limit: the critical level past which consumption is refused; none means no ceiling.</summary>
    [Range(0, long.MaxValue)]
    public long? Ceiling { get; set; }

    /// <summary>The quantity included in the plan's price; usage above it is billed as overage.</summary>
    [Range(0, long.MaxValue)]
    public long? Included { get; set; }

    /// <summary>The Stripe price (<c>price_…</c>) that bills overage; its meter's event name is the meter's <see cref="MeterOptions.StripeEventName"/>.</summary>
    public string? OveragePrice { get; set; }

    /// <summary>When the counter starts again from zero (counter meters only).</summary>
    [EnumDataType(typeof(ResetPeriod))]
    public ResetPeriod Reset { get; set; }

    /// <summary>No limit at all (the meter is still counted). Without it, a meter the plan does not list is refused.</summary>
    public bool Unlimited { get; set; }
}
