namespace Tenancy.Billing.Overrides;

/// <summary>Per-tenant limit overrides. Every change is audited (logged and published as <see cref="Events.PlanOverrideChanged"/>).</summary>
public interface IPlanOverrideStore
{
    /// <summary>Sets (or replaces) the override of <see cref="PlanOverride.TenantId"/> on <see cref="PlanOverride.Meter"/>.</summary>
    /// <param name="planOverride">The override.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    ValueTask SetAsync(PlanOverride planOverride, CancellationToken cancellationToken = default);

    /// <summary>Removes a tenant's override on a meter.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="meter">The meter.</param>
    /// <param name="removedBy">Who removed it (audited).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether there was one.</returns>
    ValueTask<bool> RemoveAsync(string tenantId, string meter, string removedBy, CancellationToken cancellationToken = default);

    /// <summary>The tenant's overrides that have not expired.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The overrides.</returns>
    ValueTask<IReadOnlyList<PlanOverride>> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>The override in force now for a tenant and meter, read from memory (the quota hot path).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="meter">The meter.</param>
    /// <returns>The override, or <see langword="null"/>.</returns>
    PlanOverride? Find(string tenantId, string meter);
}
