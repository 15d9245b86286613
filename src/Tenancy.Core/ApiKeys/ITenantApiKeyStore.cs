namespace Tenancy.ApiKeys;

/// <summary>
/// Keeps tenant API keys. Every method but <see cref="FindAsync"/> works inside one tenant (passed explicitly and
/// enforced by the store's tenant isolation); <see cref="FindAsync"/> finds a key by its public id across tenants,
/// because the key is what tells which tenant is calling. Implementations are singletons and thread-safe.
/// </summary>
public interface ITenantApiKeyStore
{
    /// <summary>Stores a new key.</summary>
    /// <param name="key">The key and the hash of its secret.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the key is stored.</returns>
    Task AddAsync(StoredTenantApiKey key, CancellationToken cancellationToken = default);

    /// <summary>Finds a key by its public id, whatever its tenant.</summary>
    /// <param name="keyId">The key id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The key, or <see langword="null"/>.</returns>
    Task<StoredTenantApiKey?> FindAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>Lists the keys of one tenant, newest first.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The keys.</returns>
    Task<IReadOnlyList<TenantApiKey>> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Revokes a key of the tenant (keeps the record, sets <see cref="TenantApiKey.RevokedAt"/>).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="keyId">The key id.</param>
    /// <param name="revokedAt">The time of revocation.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when the tenant has such a key.</returns>
    Task<bool> RevokeAsync(string tenantId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default);

    /// <summary>Moves a key's expiry (used by rotation to end the overlap).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="keyId">The key id.</param>
    /// <param name="expiresAt">The new expiry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when the tenant has such a key.</returns>
    Task<bool> SetExpiryAsync(string tenantId, string keyId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Writes the latest use of several keys at once.</summary>
    /// <param name="usages">The uses, at most one per key.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when written.</returns>
    Task RecordUsageAsync(IReadOnlyCollection<TenantApiKeyUsage> usages, CancellationToken cancellationToken = default);

    /// <summary>Deletes every key of a tenant (offboarding).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>The number of keys deleted.</returns>
    Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default);
}
