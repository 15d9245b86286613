using System.Diagnostics.Metrics;
using Tenancy.Resolution;

namespace Tenancy.Diagnostics;

/// <summary>Tenancy.Core's metrics, built from <see cref="IMeterFactory"/>: <c>tenancy.resolutions</c> counted by outcome and strategy.</summary>
internal sealed class TenancyMetrics
{
    private readonly Counter<long> _resolutions;

    public TenancyMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(TenancyTelemetry.CoreName);
        _resolutions = meter.CreateCounter<long>(TenancyTelemetry.ResolutionsCounter, unit: "{resolution}", description: "Tenant resolutions by outcome and strategy.");
    }

    /// <summary>Counts one resolution.</summary>
    public void RecordResolution(in TenantResolutionResult result)
    {
        if (_resolutions.Enabled)
        {
            _resolutions.Add(
                1,
                new KeyValuePair<string, object?>(TenancyTelemetry.OutcomeTag, OutcomeName(result.Outcome)),
                new KeyValuePair<string, object?>(TenancyTelemetry.StrategyTag, result.StrategyName ?? "none"));
        }
    }

    /// <summary>The lowercase, allocation-free name of an outcome.</summary>
    public static string OutcomeName(TenantResolutionOutcome outcome) => outcome switch
    {
        TenantResolutionOutcome.Resolved => "resolved",
        TenantResolutionOutcome.NotFound => "not_found",
        TenantResolutionOutcome.InvalidIdentifier => "invalid_identifier",
        TenantResolutionOutcome.Conflict => "conflict",
        TenantResolutionOutcome.Inactive => "inactive",
        _ => "not_resolved",
    };
}
