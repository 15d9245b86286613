using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Tenancy.Billing.Plans;

/// <summary>
/// The plan catalogue: the meters and the plans with their features and limits. Bound from configuration
/// (<c>Billing:Plans</c> with <c>Meters</c>, <c>Plans</c>, <c>DefaultPlan</c>) and followed on reload, or set in code.
/// </summary>
public sealed class PlanCatalogOptions
{
    /// <summary>The meters that plans limit.</summary>
    [ValidateEnumeratedItems]
    public List<MeterOptions> Meters { get; set; } = [];

    /// <summary>The plans.</summary>
    [Required]
    [MinLength(1, ErrorMessage = "The plan catalogue needs at least one plan.")]
    [ValidateEnumeratedItems]
    public List<PlanOptions> Plans { get; set; } = [];

    /// <summary>The plan of a tenant whose <see cref="TenantInfo.Plan"/> is empty; none means such a tenant has no plan (a lookup error).</summary>
    public string? DefaultPlan { get; set; }

    /// <summary>The alert thresholds in percent of a limit (default 80 and 100).</summary>
    public List<int> AlertThresholds { get; set; } = [];
}
