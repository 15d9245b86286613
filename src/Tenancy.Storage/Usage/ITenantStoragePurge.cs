namespace Tenancy.Storage.Usage;

/// <summary>Deletes everything a tenant stores (offboarding). Admin work on an explicit, validated tenant id.</summary>
public interface ITenantStoragePurge
{
    /// <summary>Deletes every object under the tenant's prefix. Other tenants' objects are never touched.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="cancellationToken">Cancels the purge (objects already deleted stay deleted; run it again to finish).</param>
    /// <returns>What was deleted.</returns>
    Task<TenantStorageUsage> PurgeAsync(string tenantId, CancellationToken cancellationToken = default);
}
