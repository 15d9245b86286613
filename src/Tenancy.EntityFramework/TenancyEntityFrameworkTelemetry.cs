using System.Diagnostics;
using System.Diagnostics.Metrics;
using Tenancy.Diagnostics;

namespace Tenancy.EntityFramework;

/// <summary>
/// Telemetry of Tenancy.EntityFramework, for <c>AddSource</c>/<c>AddMeter</c> in OpenTelemetry: activities for
/// provisioning, export and deletion, and counters of refused cross-tenant writes and tenant-filter bypasses, each
/// tagged with <see cref="TenancyTelemetry.TenantIdTag"/>.
/// </summary>
public static class TenancyEntityFrameworkTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.ActivitySource"/> and <see cref="System.Diagnostics.Metrics.Meter"/>.</summary>
    public const string Name = "Tenancy.EntityFramework";

    /// <summary>The counter of saves and updates refused because they would write another tenant's rows (or without a tenant).</summary>
    public const string RefusedWritesCounter = "tenancy.ef.refused_writes";

    /// <summary>The counter of tenant-filter bypass scopes opened.</summary>
    public const string BypassesCounter = "tenancy.ef.filter_bypasses";

    internal static readonly ActivitySource ActivitySource = new(Name);

    private static readonly Meter Meter = new(Name);

    private static readonly Counter<long> RefusedWrites = Meter.CreateCounter<long>(RefusedWritesCounter, description: "Writes refused because they crossed tenants or had no tenant.");

    private static readonly Counter<long> Bypasses = Meter.CreateCounter<long>(BypassesCounter, description: "Tenant-filter bypass scopes opened.");

    internal static void WriteRefused(string? tenantId, string reason) =>
        RefusedWrites.Add(1, new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId), new KeyValuePair<string, object?>("reason", reason));

    internal static void Bypassed(string? tenantId) => Bypasses.Add(1, new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId));

    internal static Activity? Start(string operation, string tenantId)
    {
        var activity = ActivitySource.StartActivity(operation);
        activity?.SetTag(TenancyTelemetry.TenantIdTag, tenantId);
        return activity;
    }
}
