namespace Tenancy.Storage.Usage;

/// <summary>
/// Measures a tenant's storage, for billing meters and quotas. Admin work: it takes an explicit tenant id (validated with
/// <see cref="TenantId.IsValid"/>) rather than the ambient tenant. It lists the tenant's objects, so call it from a
/// background job, not per request.
/// </summary>
public interface ITenantStorageUsage
{
    /// <summary>Adds up the size and count of the tenant's objects.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The usage.</returns>
    Task<TenantStorageUsage> GetUsageAsync(string tenantId, CancellationToken cancellationToken = default);
}
