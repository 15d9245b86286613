using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Diagnostics;

namespace Tenancy.EntityFramework.Diagnostics;

/// <summary>
/// Tenancy.EntityFramework's metrics (see <see cref="TenancyEntityFrameworkTelemetry"/> for the names), from the host's
/// <see cref="IMeterFactory"/>. Internal: applications observe the meter <c>Tenancy.EntityFramework</c>, not this class.
/// </summary>
internal sealed class EntityFrameworkMetrics
{
    private readonly Counter<long> _refusedWrites;
    private readonly Counter<long> _bypasses;
    private readonly Counter<long> _bypassedQueries;

    /// <summary>Creates the metrics.</summary>
    /// <param name="meterFactory">Creates the meter (<c>services.AddMetrics()</c>).</param>
    public EntityFrameworkMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(TenancyEntityFrameworkTelemetry.Name);
        _refusedWrites = meter.CreateCounter<long>(TenancyEntityFrameworkTelemetry.RefusedWritesCounter, description: "Writes refused because they crossed tenants or had no tenant.");
        _bypasses = meter.CreateCounter<long>(TenancyEntityFrameworkTelemetry.BypassesCounter, description: "Tenant-filter bypass scopes opened.");
        _bypassedQueries = meter.CreateCounter<long>(TenancyEntityFrameworkTelemetry.BypassedQueriesCounter, description: "Query executions without the tenant filter, inside a bypass scope.");
    }

    /// <summary>
    /// The metrics registered in the application's service provider of a context's options (set by <c>AddDbContext</c>,
    /// or by <c>UseApplicationServiceProvider</c>), or <see langword="null"/> when there is none: then nothing is metered.
    /// </summary>
    /// <param name="options">The context's options.</param>
    /// <returns>The metrics, or <see langword="null"/>.</returns>
    public static EntityFrameworkMetrics? From(IDbContextOptions options) =>
        options.FindExtension<CoreOptionsExtension>()?.ApplicationServiceProvider?.GetService<EntityFrameworkMetrics>();

    /// <summary>Counts one refused write.</summary>
    /// <param name="tenantId">The current tenant, if any.</param>
    /// <param name="reason">Why it was refused.</param>
    public void WriteRefused(string? tenantId, string reason)
    {
        if (_refusedWrites.Enabled)
        {
            _refusedWrites.Add(1, new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId), new KeyValuePair<string, object?>("reason", reason));
        }
    }

    /// <summary>Counts one bypass scope opened.</summary>
    /// <param name="tenantId">The current tenant, if any.</param>
    /// <param name="caller">The member that opened it.</param>
    public void Bypassed(string? tenantId, string caller)
    {
        if (_bypasses.Enabled)
        {
            _bypasses.Add(1, new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId), new KeyValuePair<string, object?>(TenancyEntityFrameworkTelemetry.BypassCallerTag, caller));
        }
    }

    /// <summary>Counts one query execution without the tenant filter inside a bypass scope.</summary>
    /// <param name="tenantId">The current tenant, if any.</param>
    /// <param name="caller">The member that opened the scope.</param>
    public void BypassedQuery(string? tenantId, string? caller)
    {
        if (_bypassedQueries.Enabled)
        {
            _bypassedQueries.Add(1, new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId), new KeyValuePair<string, object?>(TenancyEntityFrameworkTelemetry.BypassCallerTag, caller));
        }
    }
}
