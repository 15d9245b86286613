using System.Diagnostics.Metrics;
using Tenancy.Diagnostics;

namespace Tenancy.AspNetCore.Diagnostics;

/// <summary>Tenancy.AspNetCore's metrics, built from <see cref="IMeterFactory"/>.</summary>
internal sealed class AspNetCoreMetrics
{
    private readonly Counter<long> _rateLimitRejections;
    private readonly Counter<long> _ssoTokens;
    private readonly Counter<long> _ssoFetches;
    private readonly Counter<long> _ssoSignIns;

    public AspNetCoreMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(TenancyAspNetCoreTelemetry.Name);
        _rateLimitRejections = meter.CreateCounter<long>(TenancyAspNetCoreTelemetry.RateLimitRejectionsCounter, unit: "{request}", description: "Requests refused by the per-tenant rate limiter.");
        _ssoTokens = meter.CreateCounter<long>(TenancyAspNetCoreTelemetry.SsoTokensCounter, unit: "{token}", description: "Bearer and id tokens validated or rejected against a tenant's provider.");
        _ssoFetches = meter.CreateCounter<long>(TenancyAspNetCoreTelemetry.SsoMetadataFetchesCounter, unit: "{fetch}", description: "Discovery document and JWKS fetches from tenants' providers.");
        _ssoSignIns = meter.CreateCounter<long>(TenancyAspNetCoreTelemetry.SsoSignInsCounter, unit: "{sign-in}", description: "Sign-ins through a tenant's provider, completed or refused.");
    }

    /// <summary>Counts a token validated against a tenant's provider.</summary>
    public void SsoTokenValidated(string tenantId) =>
        _ssoTokens.Add(1, new KeyValuePair<string, object?>(TenancyAspNetCoreTelemetry.SsoOutcomeTag, "validated"), new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId));

    /// <summary>Counts a rejected token with its (fixed) reason.</summary>
    public void SsoTokenRejected(string reason) =>
        _ssoTokens.Add(1, new KeyValuePair<string, object?>(TenancyAspNetCoreTelemetry.SsoOutcomeTag, "rejected"), new KeyValuePair<string, object?>("error.type", reason));

    /// <summary>Counts a fetch of a provider's metadata.</summary>
    public void SsoMetadataFetched(string reason, bool succeeded) =>
        _ssoFetches.Add(1, new KeyValuePair<string, object?>(TenancyAspNetCoreTelemetry.SsoFetchReasonTag, reason), new KeyValuePair<string, object?>(TenancyAspNetCoreTelemetry.SsoOutcomeTag, succeeded ? "ok" : "failed"));

    /// <summary>Counts a sign-in, completed (<paramref name="failure"/> null) or refused.</summary>
    public void SsoSignIn(string tenantId, string? failure) =>
        _ssoSignIns.Add(1, new KeyValuePair<string, object?>(TenancyAspNetCoreTelemetry.SsoOutcomeTag, failure is null ? "completed" : "refused"), new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId));

    /// <summary>Counts a request the per-tenant rate limiter refused.</summary>
    public void RateLimitRejected(string? tenantId, string? plan, string pool, string partition)
    {
        if (_rateLimitRejections.Enabled)
        {
            _rateLimitRejections.Add(
                1,
                new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId),
                new KeyValuePair<string, object?>(TenancyAspNetCoreTelemetry.PlanTag, plan),
                new KeyValuePair<string, object?>(TenancyAspNetCoreTelemetry.RateLimitPoolTag, pool),
                new KeyValuePair<string, object?>(TenancyAspNetCoreTelemetry.RateLimitPartitionTag, partition));
        }
    }
}
