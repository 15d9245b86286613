namespace Tenancy.Diagnostics;

/// <summary>Names of the telemetry that Tenancy emits, for <c>AddMeter</c>/<c>AddSource</c> in OpenTelemetry.</summary>
public static class TenancyTelemetry
{
    /// <summary>The name of Tenancy.Core's <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string CoreName = "Tenancy.Core";

    /// <summary>The tag that carries the tenant id on activities, metrics and log scopes.</summary>
    public const string TenantIdTag = "tenancy.tenant.id";

    /// <summary>The tag that carries the resolution outcome.</summary>
    public const string OutcomeTag = "tenancy.resolution.outcome";

    /// <summary>The tag that carries the deciding strategy.</summary>
    public const string StrategyTag = "tenancy.resolution.strategy";

    /// <summary>The counter of resolutions by outcome and strategy.</summary>
    public const string ResolutionsCounter = "tenancy.resolutions";
}
