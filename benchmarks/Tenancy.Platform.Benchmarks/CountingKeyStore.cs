using System.Collections.Concurrent;
using Tenancy.ApiKeys;

namespace Tenancy.Platform.Benchmarks;

/// <summary>An in-memory key store that counts lookups, so the benchmark can prove the warm path makes no store call.</summary>
public sealed class CountingKeyStore : ITenantApiKeyStore
{
    private readonly ConcurrentDictionary<string, StoredTenantApiKey> _keys = new(StringComparer.Ordinal);

    public int Finds;

    public Task AddAsync(StoredTenantApiKey key, CancellationToken cancellationToken = default)
    {
        _keys[key.Key.Id] = key;
        return Task.CompletedTask;
    }

    public Task<StoredTenantApiKey?> FindAsync(string keyId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Finds);
        return Task.FromResult(_keys.GetValueOrDefault(keyId));
    }

    public Task<IReadOnlyList<TenantApiKey>> ListAsync(string tenantId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TenantApiKey>>(_keys.Values.Select(k => k.Key).Where(k => k.TenantId == tenantId).ToArray());

    public Task<bool> RevokeAsync(string tenantId, string keyId, DateTimeOffset revokedAt, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task<bool> SetExpiryAsync(string tenantId, string keyId, DateTimeOffset expiresAt, CancellationToken cancellationToken = default) => Task.FromResult(false);

    public Task RecordUsageAsync(IReadOnlyCollection<TenantApiKeyUsage> usages, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default) => Task.FromResult(0);
}
