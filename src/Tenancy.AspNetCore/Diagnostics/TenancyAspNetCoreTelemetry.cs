namespace Tenancy.AspNetCore.Diagnostics;

/// <summary>Names of the telemetry that Tenancy.AspNetCore emits, for <c>AddMeter</c> in OpenTelemetry.</summary>
public static class TenancyAspNetCoreTelemetry
{
    /// <summary>The name of the package's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "Tenancy.AspNetCore";

    /// <summary>The counter of requests refused by the per-tenant rate limiter (tagged with tenant id and plan).</summary>
    public const string RateLimitRejectionsCounter = "tenancy.rate_limit.rejections";

    /// <summary>The tag that carries the tenant's plan.</summary>
    public const string PlanTag = "tenant.plan";
}
