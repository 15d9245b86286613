namespace Tenancy.Lifecycle;

/// <summary>
/// Records which steps of a tenant's onboarding or offboarding have finished, durably, so a run that stopped half-way
/// resumes where it stopped. Kept apart from the tenant's own data, so it survives the tenant's deletion.
/// </summary>
public interface ITenantLifecycleJournal
{
    /// <summary>Returns the finished steps of a tenant's operation with their completion times.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="operation">The operation (<c>onboard</c>, <c>offboard</c>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The step keys and when they finished.</returns>
    Task<IReadOnlyDictionary<string, DateTimeOffset>> GetCompletedAsync(string tenantId, string operation, CancellationToken cancellationToken = default);

    /// <summary>Records that a step finished (idempotent).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="operation">The operation.</param>
    /// <param name="step">The step key.</param>
    /// <param name="completedAt">When it finished.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when recorded.</returns>
    Task MarkCompletedAsync(string tenantId, string operation, string step, DateTimeOffset completedAt, CancellationToken cancellationToken = default);
}
