namespace Tenancy.Billing.Plans;

/// <summary>A plan's limit on one meter (validated, immutable).</summary>
public sealed class MeterLimit
{
    internal MeterLimit(MeterDefinition meter, MeterLimitOptions options)
    {
        Meter = meter;
        Limit = options.Unlimited ? long.MaxValue : options.Limit;
        Kind = options.Kind;
        Ceiling = options.Ceiling;
        Included = options.Included;
        OveragePrice = string.IsNullOrWhiteSpace(options.OveragePrice) ? null : options.OveragePrice;
        Reset = meter.Kind == MeterKind.Gauge ? ResetPeriod.Never : options.Reset;
        Unlimited = options.Unlimited;
        Cap = options.Unlimited ? long.MaxValue : Kind == LimitKind.Hard ? Limit : Ceiling ?? long.MaxValue;
    }

    internal MeterLimit(MeterLimit source, long limit)
    {
        Meter = source.Meter;
        Limit = limit;
        Kind = source.Kind;
        Ceiling = source.Ceiling is { } c ? Math.Max(c, limit) : null;
        Included = source.Included;
        OveragePrice = source.OveragePrice;
        Reset = source.Reset;
        Unlimited = false;
        Cap = Kind == LimitKind.Hard ? Limit : Ceiling ?? long.MaxValue;
    }

    /// <summary>The meter.</summary>
    public MeterDefinition Meter { get; }

    /// <summary>The limit (<see cref="long.MaxValue"/> when <see cref="Unlimited"/>).</summary>
    public long Limit { get; }

    /// <summary>Hard or soft.</summary>
    public LimitKind Kind { get; }

    /// <summary>The soft limit's critical ceiling, if any.</summary>
    public long? Ceiling { get; }

    /// <summary>The quantity included in the plan's price.</summary>
    public long? Included { get; }

    /// <summary>The Stripe price that bills overage.</summary>
    public string? OveragePrice { get; }

    /// <summary>When the counter starts again from zero.</summary>
    public ResetPeriod Reset { get; }

    /// <summary>Whether the meter is counted but not limited.</summary>
    public bool Unlimited { get; }

    /// <summary>The most that may be consumed in a period: the hard limit, the soft ceiling, or unbounded.</summary>
    public long Cap { get; }
}
