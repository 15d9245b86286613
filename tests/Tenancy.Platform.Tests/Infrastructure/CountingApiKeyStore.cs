using Tenancy.ApiKeys;

namespace Tenancy.Platform.Tests.Infrastructure;

/// <summary>Wraps the real store and counts lookups and usage writes (to prove the warm path does not reach the database).</summary>
public sealed class CountingApiKeyStore(ITenantApiKeyStore inner) : ITenantApiKeyStore
{
    public int Finds;
    public int UsageWrites;
    public int UsagesWritten;

    public Task AddAsync(StoredTenantApiKey key, CancellationToken cancellationToken = default) => inner.AddAsync(key, cancellationToken);

    public Task<StoredTenantApiKey?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Finds);
        return inner.FindAsync(keyId, cancellationToken);
    }

    public Task<IReadOnlyList<TenantApiKey>> ListAsync(string tenantId, CancellationToken cancellationToken = default) => inner.ListAsync(tenantId, cancellationToken);

    public Task<bool> RevokeAsync(string tenantId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) => inner.RevokeAsync(tenantId, keyId, revokedAt, cancellationToken);

    public Task<bool> SetExpiryAsync(string tenantId, string keyId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => inner.SetExpiryAsync(tenantId, keyId, expiresAt, cancellationToken);

    public Task RecordUsageAsync(IReadOnlyCollection<TenantApiKeyUsage> usages, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref UsageWrites);
        Interlocked.Add(ref UsagesWritten, usages.Count);
        return inner.RecordUsageAsync(usages, cancellationToken);
    }

    public Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default) => inner.DeleteAllAsync(tenantId, cancellationToken);
}
