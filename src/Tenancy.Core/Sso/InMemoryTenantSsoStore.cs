using System.Collections.Concurrent;

namespace Tenancy.Sso;

/// <summary>
/// <see cref="ITenantSsoStore"/> in process memory: for tests, samples and single instances whose settings come from
/// configuration. Lost on restart; use the EF store (Tenancy.EntityFramework) to keep them.
/// </summary>
public sealed class InMemoryTenantSsoStore : ITenantSsoStore
{
    private readonly ConcurrentDictionary<string, TenantSsoSettings> _settings = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string TenantId, string Issuer, string Subject), string> _logins = new();

    /// <inheritdoc />
    public Task<TenantSsoSettings?> FindAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        return Task.FromResult(_settings.GetValueOrDefault(tenantId));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<TenantSsoSettings>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<TenantSsoSettings>>([.. _settings.Values]);

    /// <inheritdoc />
    public Task SaveAsync(TenantSsoSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings[settings.TenantId] = settings;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var deleted = _settings.TryRemove(tenantId, out _);
        foreach (var key in _logins.Keys)
        {
            if (string.Equals(key.TenantId, tenantId, StringComparison.Ordinal))
            {
                deleted |= _logins.TryRemove(key, out _);
            }
        }

        return Task.FromResult(deleted);
    }

    /// <inheritdoc />
    public Task<string?> FindLoginAsync(string tenantId, string issuer, string subject, CancellationToken cancellationToken = default) =>
        Task.FromResult(_logins.GetValueOrDefault((tenantId, issuer, subject)));

    /// <inheritdoc />
    public Task<string> AddLoginAsync(string tenantId, string issuer, string subject, string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_logins.GetOrAdd((tenantId, issuer, subject), userId));
}
