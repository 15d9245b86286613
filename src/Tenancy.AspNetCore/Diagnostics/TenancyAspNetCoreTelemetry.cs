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

    /// <summary>The counter of tokens validated or rejected against a tenant's identity provider (tagged outcome, <c>error.type</c>, tenant id).</summary>
    public const string SsoTokensCounter = "tenancy.sso.tokens";

    /// <summary>The counter of discovery document and JWKS fetches from tenants' providers (tagged reason and outcome).</summary>
    public const string SsoMetadataFetchesCounter = "tenancy.sso.metadata.fetches";

    /// <summary>The counter of sign-ins through a tenant's provider (tagged outcome and tenant id).</summary>
    public const string SsoSignInsCounter = "tenancy.sso.sign_ins";

    /// <summary>The tag that says how an SSO operation ended.</summary>
    public const string SsoOutcomeTag = "tenancy.sso.outcome";

    /// <summary>The tag that says why a provider's metadata was fetched (<c>first use</c>, <c>expired</c>, <c>unknown key id</c>).</summary>
    public const string SsoFetchReasonTag = "tenancy.sso.fetch_reason";
}
