namespace Tenancy.Stores;

/// <summary>
/// Reads tenants. Implementations are singletons and thread-safe. Lookups by identifier and domain are
/// case-insensitive; lookups by id are ordinal.
/// </summary>
public interface ITenantStore
{
    /// <summary>Finds a tenant by its id.</summary>
    /// <param name="id">The tenant id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The tenant, or <see langword="null"/> when there is none.</returns>
    ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Finds a tenant by its identifier (slug).</summary>
    /// <param name="identifier">The identifier.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The tenant, or <see langword="null"/> when there is none.</returns>
    ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default);

    /// <summary>Finds a tenant by one of its custom domains.</summary>
    /// <param name="domain">The host name, without port.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The tenant, or <see langword="null"/> when there is none.</returns>
    ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default);

    /// <summary>Lists tenants ordered by id (ordinal), a page at a time.</summary>
    /// <param name="request">The page size and the continuation token of the previous page.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The page.</returns>
    ValueTask<TenantPage> ListAsync(TenantPageRequest request, CancellationToken cancellationToken = default);
}
