using System.Collections.Frozen;

namespace Tenancy.Billing.Plans;

/// <summary>A plan of the catalogue (validated, immutable): its features and its limits by meter.</summary>
public sealed class Plan
{
    internal Plan(PlanOptions options, IReadOnlyDictionary<string, MeterDefinition> meters)
    {
        Id = options.Id;
        DisplayName = options.DisplayName;
        StripePrice = string.IsNullOrWhiteSpace(options.StripePrice) ? null : options.StripePrice;
        Features = options.Features.ToFrozenSet(StringComparer.Ordinal);
        Limits = options.Limits.ToFrozenDictionary(l => l.Meter, l => new MeterLimit(meters[l.Meter], l), StringComparer.Ordinal);
    }

    /// <summary>The id.</summary>
    public string Id { get; }

    /// <summary>The name shown to people.</summary>
    public string DisplayName { get; }

    /// <summary>The Stripe price of the plan's subscription, if any.</summary>
    public string? StripePrice { get; }

    /// <summary>The enabled features.</summary>
    public FrozenSet<string> Features { get; }

    /// <summary>The limits by meter name. A meter that is not here is refused for tenants on this plan.</summary>
    public FrozenDictionary<string, MeterLimit> Limits { get; }
}
