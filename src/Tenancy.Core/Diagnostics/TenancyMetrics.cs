using System.Diagnostics.Metrics;
using Tenancy.Resolution;

namespace Tenancy.Diagnostics;

/// <summary>Tenancy.Core's metrics: <c>tenancy.resolutions</c> counted by outcome and strategy.</summary>
public sealed class TenancyMetrics : IDisposable
{
    private readonly Meter _meter;
    private readonly Counter<long> _resolutions;

    /// <summary>Creates the metrics.</summary>
    /// <param name="meterFactory">Creates the meter; <see langword="null"/> for a standalone meter.</param>
    public TenancyMetrics(IMeterFactory? meterFactory = null)
    {
        _meter = meterFactory?.Create(TenancyTelemetry.CoreName) ?? new Meter(TenancyTelemetry.CoreName);
        _resolutions = _meter.CreateCounter<long>(TenancyTelemetry.ResolutionsCounter, unit: "{resolution}", description: "Tenant resolutions by outcome and strategy.");
    }

    /// <summary>Counts one resolution.</summary>
    /// <param name="result">The result.</param>
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

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    /// <summary>The lowercase, allocation-free name of an outcome.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The name.</returns>
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
