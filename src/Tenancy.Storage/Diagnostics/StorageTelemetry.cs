using System.Diagnostics;

namespace Tenancy.Storage.Diagnostics;

/// <summary>Names of the telemetry that Tenancy.Storage emits, for <c>AddMeter</c>/<c>AddSource</c> in OpenTelemetry.</summary>
public static class StorageTelemetry
{
    /// <summary>The name of the <see cref="System.Diagnostics.Metrics.Meter"/> and <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string Name = "Tenancy.Storage";

    /// <summary>The counter of store operations, tagged with the tenant id, operation, backend and outcome.</summary>
    public const string OperationsCounter = "tenancy.storage.operations";

    /// <summary>The counter of bytes written by uploads, tagged with the tenant id and backend.</summary>
    public const string BytesWrittenCounter = "tenancy.storage.bytes_written";

    /// <summary>The counter of keys copied by migrations, tagged with the tenant id.</summary>
    public const string MigratedCounter = "tenancy.storage.migrated_objects";

    /// <summary>The tag with the operation name (put, get, list …).</summary>
    public const string OperationTag = "tenancy.storage.operation";

    /// <summary>The tag with the backend name (s3, disk).</summary>
    public const string BackendTag = "tenancy.storage.backend";

    /// <summary>The tag with the outcome (ok, not_found, invalid_key, rejected, cancelled, content_failed, error).</summary>
    public const string OutcomeTag = "tenancy.storage.outcome";

    internal static readonly ActivitySource Source = new(Name);
}
