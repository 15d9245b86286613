namespace Tenancy.Billing.Plans;

/// <summary>A meter of the catalogue (validated, immutable).</summary>
public sealed class MeterDefinition
{
    internal MeterDefinition(MeterOptions options)
    {
        Name = options.Name;
        Kind = options.Kind;
        WhenStoreUnavailable = options.WhenStoreUnavailable;
        GaugeCacheTtl = options.GaugeCacheTtl;
        StripeEventName = string.IsNullOrWhiteSpace(options.StripeEventName) ? null : options.StripeEventName;
    }

    /// <summary>The name.</summary>
    public string Name { get; }

    /// <summary>Counter or gauge.</summary>
    public MeterKind Kind { get; }

    /// <summary>What counter consumption does while Redis cannot be reached.</summary>
    public StoreFailurePolicy WhenStoreUnavailable { get; }

    /// <summary>How long a gauge reading is reused.</summary>
    public TimeSpan GaugeCacheTtl { get; }

    /// <summary>The Stripe billing meter event name, or <see langword="null"/> when usage is not reported.</summary>
    public string? StripeEventName { get; }
}
