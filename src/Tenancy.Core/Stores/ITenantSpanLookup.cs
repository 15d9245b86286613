namespace Tenancy.Stores;

/// <summary>
/// Synchronous, allocation-free lookups over spans, for stores that hold tenants in memory (the in-memory store and
/// the caching decorator). Resolution uses it on the hot path and falls back to <see cref="ITenantStore"/> when
/// a method returns <see langword="false"/>.
/// </summary>
public interface ITenantSpanLookup
{
    /// <summary>Looks a tenant up by id.</summary>
    /// <param name="id">The id.</param>
    /// <param name="tenant">The tenant, or <see langword="null"/> when it is known not to exist.</param>
    /// <returns><see langword="true"/> when the lookup was answered (found or known absent); <see langword="false"/> when the caller must ask the store.</returns>
    bool TryFindById(ReadOnlySpan<char> id, out TenantInfo? tenant);

    /// <summary>Looks a tenant up by identifier (case-insensitive).</summary>
    /// <param name="identifier">The identifier.</param>
    /// <param name="tenant">The tenant, or <see langword="null"/> when it is known not to exist.</param>
    /// <returns><see langword="true"/> when the lookup was answered; <see langword="false"/> when the caller must ask the store.</returns>
    bool TryFindByIdentifier(ReadOnlySpan<char> identifier, out TenantInfo? tenant);

    /// <summary>Looks a tenant up by custom domain (case-insensitive).</summary>
    /// <param name="domain">The host name without port.</param>
    /// <param name="tenant">The tenant, or <see langword="null"/> when it is known not to exist.</param>
    /// <returns><see langword="true"/> when the lookup was answered; <see langword="false"/> when the caller must ask the store.</returns>
    bool TryFindByDomain(ReadOnlySpan<char> domain, out TenantInfo? tenant);
}
