using System.Diagnostics;
using Tenancy.Diagnostics;

namespace Tenancy.EntityFramework;

/// <summary>
/// Telemetry of Tenancy.EntityFramework, for <c>AddSource</c>/<c>AddMeter</c> in OpenTelemetry: activities for
/// provisioning, export and deletion, and counters of refused cross-tenant writes and tenant-filter bypasses, each
/// tagged with <see cref="TenancyTelemetry.TenantIdTag"/>. The meter comes from the host's <c>IMeterFactory</c>
/// (<c>services.AddMetrics()</c>, which <c>AddTenantDbContext</c> and its siblings call).
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

    /// <summary>The counter of query executions that ran without the tenant filter inside a bypass scope.</summary>
    public const string BypassedQueriesCounter = "tenancy.ef.filter_bypassed_queries";

    /// <summary>The attribute that names the member which opened a bypass scope.</summary>
    public const string BypassCallerTag = "tenancy.ef.bypass.caller";

    internal static Activity? Start(string operation, string tenantId)
    {
        var activity = ActivitySource.StartActivity(operation);
        activity?.SetTag(TenancyTelemetry.TenantIdTag, tenantId);
        return activity;
    }
}
