namespace Tenancy.AspNetCore.Diagnostics;

/// <summary>Names of the telemetry that Tenancy.AspNetCore emits, for <c>AddMeter</c> in OpenTelemetry.</summary>
public static class TenancyAspNetCoreTelemetry
{
    /// <summary>The name of the package's <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "Tenancy.AspNetCore";

    /// <summary>The counter of requests refused by the per-tenant rate limiter (tagged with tenant id, plan, pool and partition).</summary>
    public const string RateLimitRejectionsCounter = "tenancy.rate_limit.rejections";

    /// <summary>The tag that says whose budget refused the request: <c>authenticated</c>, <c>anonymous</c> or <c>without_tenant</c>.</summary>
    public const string RateLimitPoolTag = "tenancy.rate_limit.pool";

    /// <summary>The tag that says which limit refused the request: <c>caller</c> (the caller's own share) or <c>tenant</c> (the tenant's pool).</summary>
    public const string RateLimitPartitionTag = "tenancy.rate_limit.partition";

    /// <summary>The tag that carries the tenant's plan.</summary>
    public const string PlanTag = "tenancy.tenant.plan";
}
