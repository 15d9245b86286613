using System.Diagnostics.Metrics;
using Tenancy.Diagnostics;

namespace Tenancy.Storage.Diagnostics;

/// <summary>
/// Tenancy.Storage's metrics (see <see cref="StorageTelemetry"/> for the names), from the host's <see cref="IMeterFactory"/>.
/// Internal: applications observe the meter <c>Tenancy.Storage</c>, not this class.
/// </summary>
internal sealed class StorageMetrics
{
    private readonly Counter<long> _operations;
    private readonly Counter<long> _bytesWritten;
    private readonly Counter<long> _migrated;

    /// <summary>Creates the metrics.</summary>
    /// <param name="meterFactory">Creates the meter (<c>services.AddMetrics()</c>).</param>
    public StorageMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(StorageTelemetry.Name);
        _operations = meter.CreateCounter<long>(StorageTelemetry.OperationsCounter, unit: "{operation}", description: "Object store operations by tenant, operation, backend and outcome.");
        _bytesWritten = meter.CreateCounter<long>(StorageTelemetry.BytesWrittenCounter, unit: "By", description: "Bytes uploaded by tenant and backend.");
        _migrated = meter.CreateCounter<long>(StorageTelemetry.MigratedCounter, unit: "{object}", description: "Objects copied into tenant prefixes by migrations.");
    }

    /// <summary>Counts one operation.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="operation">The operation name.</param>
    /// <param name="backend">The backend name.</param>
    /// <param name="outcome">The outcome.</param>
    public void RecordOperation(string tenantId, string operation, string backend, string outcome)
    {
        if (_operations.Enabled)
        {
            _operations.Add(
                1,
                new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId),
                new KeyValuePair<string, object?>(StorageTelemetry.OperationTag, operation),
                new KeyValuePair<string, object?>(StorageTelemetry.BackendTag, backend),
                new KeyValuePair<string, object?>(StorageTelemetry.OutcomeTag, outcome));
        }
    }

    /// <summary>Counts uploaded bytes.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="backend">The backend name.</param>
    /// <param name="bytes">The byte count.</param>
    public void RecordBytesWritten(string tenantId, string backend, long bytes)
    {
        if (_bytesWritten.Enabled)
        {
            _bytesWritten.Add(
                bytes,
                new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId),
                new KeyValuePair<string, object?>(StorageTelemetry.BackendTag, backend));
        }
    }

    /// <summary>Counts one migrated object.</summary>
    /// <param name="tenantId">The tenant it went to.</param>
    public void RecordMigrated(string tenantId)
    {
        if (_migrated.Enabled)
        {
            _migrated.Add(1, new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenantId));
        }
    }
}
