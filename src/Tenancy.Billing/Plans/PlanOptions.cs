using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Tenancy.Billing.Plans;

/// <summary>One plan (configuration shape).</summary>
public sealed class PlanOptions
{
    /// <summary>The plan id that <see cref="TenantInfo.Plan"/> names (for example <c>free</c>).</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9._-]{0,63}$", ErrorMessage = "The plan id must be 1-64 lowercase letters, digits, '.', '_' or '-'.")]
    public string Id { get; set; } = "";

    /// <summary>The name shown to people.</summary>
    [Required]
    [StringLength(200, MinimumLength = 1)]
    public string DisplayName { get; set; } = "";

    /// <summary>The features the plan enables (for <see cref="Features.IFeatureGate"/>).</summary>
    public List<string> Features { get; set; } = [];

    /// <summary>The plan's limits, one per meter.</summary>
    [ValidateEnumeratedItems]
    public List<MeterLimitOptions> Limits { get; set; } = [];

    /// <summary>The Stripe price (<c>price_…</c>) of the plan's subscription: a subscription on this price puts the tenant on this plan.</summary>
    public string? StripePrice { get; set; }
}
