namespace Tenancy.Stores;

/// <summary>
/// A tenant store that can be changed. Ids, identifiers and domains stay unique across tenants
/// (<see cref="DuplicateTenantException"/>), and every change is published through <see cref="Events.ITenantChangeNotifier"/>
/// so that caches and per-tenant options are invalidated.
/// </summary>
public interface IWritableTenantStore : ITenantStore
{
    /// <summary>Adds a tenant.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the tenant is stored.</returns>
    /// <exception cref="DuplicateTenantException">The id, identifier or a domain is taken.</exception>
    ValueTask AddAsync(TenantInfo tenant, CancellationToken cancellationToken = default);

    /// <summary>Replaces a tenant (matched by id).</summary>
    /// <param name="tenant">The new description of the tenant.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the tenant is stored.</returns>
    /// <exception cref="TenantNotFoundException">No tenant has that id.</exception>
    /// <exception cref="DuplicateTenantException">The identifier or a domain is taken by another tenant.</exception>
    ValueTask UpdateAsync(TenantInfo tenant, CancellationToken cancellationToken = default);

    /// <summary>Removes a tenant.</summary>
    /// <param name="id">The tenant id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when a tenant was removed.</returns>
    ValueTask<bool> RemoveAsync(string id, CancellationToken cancellationToken = default);
}
