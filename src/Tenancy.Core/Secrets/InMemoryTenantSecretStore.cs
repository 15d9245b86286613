using System.Collections.Concurrent;

namespace Tenancy.Secrets;

/// <summary><see cref="ITenantSecretStore"/> in process memory (values stay encrypted): for tests and single instances. Lost on restart.</summary>
public sealed class InMemoryTenantSecretStore : ITenantSecretStore
{
    private readonly ConcurrentDictionary<(string TenantId, TenantSecretKind Kind, string Name), StoredTenantSecret> _secrets = new();

    /// <inheritdoc />
    public Task<StoredTenantSecret?> FindAsync(string tenantId, TenantSecretKind kind, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_secrets.GetValueOrDefault((tenantId, kind, name)));

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantSecretInfo>> ListAsync(string tenantId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TenantSecretInfo>>([.. _secrets.Values.Where(s => s.Info.TenantId == tenantId).Select(s => s.Info).OrderBy(s => s.Kind).ThenBy(s => s.Name, StringComparer.Ordinal)]);

    /// <inheritdoc />
    public Task SaveAsync(StoredTenantSecret secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(secret);
        _secrets[(secret.Info.TenantId, secret.Info.Kind, secret.Info.Name)] = secret;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string tenantId, TenantSecretKind kind, string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_secrets.TryRemove((tenantId, kind, name), out _));

    /// <inheritdoc />
    public Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        var count = 0;
        foreach (var key in _secrets.Keys)
        {
            if (key.TenantId == tenantId && _secrets.TryRemove(key, out _))
            {
                count++;
            }
        }

        return Task.FromResult(count);
    }
}
