namespace Tenancy.Secrets;

/// <summary>Keeps encrypted tenant secrets, the current version of each (tenant, kind, name). Singletons, thread-safe.</summary>
public interface ITenantSecretStore
{
    /// <summary>Finds a secret.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The secret, or <see langword="null"/>.</returns>
    Task<StoredTenantSecret?> FindAsync(string tenantId, TenantSecretKind kind, string name, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's secrets (metadata only).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The secrets.</returns>
    Task<IReadOnlyList<TenantSecretInfo>> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Stores a secret, replacing the version before it.</summary>
    /// <param name="secret">The secret.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    Task SaveAsync(StoredTenantSecret secret, CancellationToken cancellationToken = default);

    /// <summary>Deletes a secret.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="name">The name.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>Whether it existed.</returns>
    Task<bool> DeleteAsync(string tenantId, TenantSecretKind kind, string name, CancellationToken cancellationToken = default);

    /// <summary>Deletes every secret of a tenant (offboarding).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>The number deleted.</returns>
    Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default);
}
