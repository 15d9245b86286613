using System.Diagnostics.Metrics;
using Tenancy.Diagnostics;

namespace Tenancy.AspNetCore.Diagnostics;

/// <summary>Tenancy.AspNetCore's metrics, built from <see cref="IMeterFactory"/>.</summary>
internal sealed class AspNetCoreMetrics
{
    private readonly Counter<long> _rateLimitRejections;

    public AspNetCoreMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(TenancyAspNetCoreTelemetry.Name);
        _rateLimitRejections = meter.CreateCounter<long>(TenancyAspNetCoreTelemetry.RateLimitRejectionsCounter, unit: "{request}", description: "Requests refused by the per-tenant rate limiter.");
    }

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
