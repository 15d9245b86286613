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

    /// <summary>The counter of query executions that ran without the tenant filter inside a bypass scope.</summary>
    public const string BypassedQueriesCounter = "tenancy.ef.filter_bypassed_queries";

    /// <summary>The attribute that names the member which opened a bypass scope.</summary>
    public const string BypassCallerTag = "tenancy.ef.bypass.caller";

    private static readonly Counter<long> BypassedQueries = Meter.CreateCounter<long>(BypassedQueriesCounter, description: "Query executions without the tenant filter, inside a bypass scope.");

    internal static void Bypassed(string? tenantId, string caller) =>
        Bypasses.Add(1, new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId), new KeyValuePair<string, object?>(BypassCallerTag, caller));

    internal static void BypassedQuery(string? tenantId, string? caller) =>
        BypassedQueries.Add(1, new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId), new KeyValuePair<string, object?>(BypassCallerTag, caller));

    internal static Activity? Start(string operation, string tenantId)
    {
        var activity = ActivitySource.StartActivity(operation);
        activity?.SetTag(TenancyTelemetry.TenantIdTag, tenantId);
        return activity;
    }
}
