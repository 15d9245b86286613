namespace Tenancy.Billing.Usage;

/// <summary>Writes daily usage snapshots (the hosted service calls it; call it yourself to back-fill).</summary>
public interface IUsageSnapshotWriter
{
    /// <summary>Writes every tenant's snapshots for <paramref name="day"/> (idempotent).</summary>
    /// <param name="day">The UTC day.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The rows written.</returns>
    Task<int> WriteAsync(DateOnly day, CancellationToken cancellationToken = default);

    /// <summary>Writes one tenant's snapshots for <paramref name="day"/> (idempotent).</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="day">The UTC day.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The rows written.</returns>
    Task<int> WriteAsync(TenantInfo tenant, DateOnly day, CancellationToken cancellationToken = default);
}
