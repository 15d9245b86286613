using Tenancy.Diagnostics;
using System.Collections.Frozen;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.Events;

namespace Tenancy.Sso;

/// <summary>
/// Each tenant's identity provider: registers and removes <see cref="TenantSsoSettings"/>, answers which tenant an issuer
/// belongs to (from an in-memory index, without I/O once loaded) and whether a tenant accepts password sign-in. An issuer
/// belongs to at most one tenant: registering it for a second tenant is refused. Changes reload the index here and, through
/// the tenant-change backplane, on every other instance.
/// </summary>
public sealed class TenantSsoService : IDisposable
{
    private const string ChangeKey = "sso:";

    private readonly ITenantSsoStore _store;
    private readonly ITenantChangeNotifier? _notifier;
    private readonly IDisposable? _subscription;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile FrozenDictionary<string, TenantSsoSettings>? _byIssuer;
    private volatile FrozenDictionary<string, TenantSsoSettings>? _byTenant;

    /// <summary>Creates the service.</summary>
    /// <param name="store">Keeps the settings.</param>
    /// <param name="logger">The logger.</param>
    /// <param name="notifier">Tenant changes: SSO changes are published on it and those of other instances reload the index here.</param>
    public TenantSsoService(ITenantSsoStore store, ILogger<TenantSsoService>? logger = null, ITenantChangeNotifier? notifier = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _logger = logger ?? NullLogger<TenantSsoService>.Instance;
        _notifier = notifier;
        _subscription = notifier?.Subscribe(OnTenantChanged);
    }

    /// <summary>Whether the issuer index is loaded (then <see cref="FindByIssuer"/> answers without I/O).</summary>
    public bool IsLoaded => _byIssuer is not null;

    /// <summary>Loads the issuer index when it is not loaded yet.</summary>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>A task that completes when loaded.</returns>
    public ValueTask EnsureLoadedAsync(CancellationToken cancellationToken = default) =>
        _byIssuer is not null ? ValueTask.CompletedTask : new ValueTask(ReloadAsync(cancellationToken));

    /// <summary>Finds the tenant whose provider issues <paramref name="issuer"/> (compared exactly). Call <see cref="EnsureLoadedAsync"/> first.</summary>
    /// <param name="issuer">The token's issuer.</param>
    /// <returns>The settings, or <see langword="null"/> when no tenant trusts the issuer.</returns>
    public TenantSsoSettings? FindByIssuer(string issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var index = _byIssuer ?? throw new InvalidOperationException("The SSO issuer index is not loaded: call EnsureLoadedAsync first.");
        return index.GetValueOrDefault(issuer);
    }

    /// <summary>Finds a tenant's settings.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The settings, or <see langword="null"/> when the tenant has no provider.</returns>
    public async ValueTask<TenantSsoSettings?> FindAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        await EnsureLoadedAsync(cancellationToken).ConfigureAwait(false);
        return _byTenant!.GetValueOrDefault(tenantId);
    }

    /// <summary>
    /// Whether a tenant's users may sign in with a tenant-local password: <see langword="false"/> when the tenant enforces SSO.
    /// Password sign-in pages call it before they check a password.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>Whether password sign-in is allowed.</returns>
    public async ValueTask<bool> IsPasswordSignInAllowedAsync(string tenantId, CancellationToken cancellationToken = default) =>
        await FindAsync(tenantId, cancellationToken).ConfigureAwait(false) is not { SsoEnforced: true };

    /// <summary>Registers (or replaces) a tenant's provider.</summary>
    /// <param name="settings">The settings.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    /// <exception cref="ArgumentException">The settings are malformed.</exception>
    /// <exception cref="InvalidOperationException">Another tenant already trusts the same issuer.</exception>
    public async Task SaveAsync(TenantSsoSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        settings.Validate();
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            foreach (var other in await _store.ListAsync(cancellationToken).ConfigureAwait(false))
            {
                if (!string.Equals(other.TenantId, settings.TenantId, StringComparison.Ordinal)
                    && string.Equals(other.EffectiveIssuer, settings.EffectiveIssuer, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Another tenant already trusts issuer '{settings.EffectiveIssuer}': an issuer grants access to one tenant only.");
                }
            }

            await _store.SaveAsync(settings, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }

        Log.SsoSettingsSaved(_logger, settings.TenantId, settings.EffectiveIssuer);
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        _notifier?.Publish(TenantChange.AccessChanged(settings.TenantId, ChangeKey));
    }

    /// <summary>Removes a tenant's provider and every external login of the tenant (its tokens stop working at once).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>Whether anything was removed.</returns>
    public async Task<bool> DeleteAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        var deleted = await _store.DeleteAsync(tenantId, cancellationToken).ConfigureAwait(false);
        Log.SsoSettingsDeleted(_logger, tenantId);
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        _notifier?.Publish(TenantChange.AccessChanged(tenantId, ChangeKey));
        return deleted;
    }

    /// <summary>Reads every tenant's settings again and rebuilds the issuer index.</summary>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>A task that completes when reloaded.</returns>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        var all = await _store.ListAsync(cancellationToken).ConfigureAwait(false);
        var byIssuer = new Dictionary<string, TenantSsoSettings>(StringComparer.Ordinal);
        foreach (var settings in all)
        {
            // Two tenants claiming one issuer (written around this service) trust it for neither: fail closed.
            if (!byIssuer.TryAdd(settings.EffectiveIssuer, settings))
            {
                byIssuer[settings.EffectiveIssuer] = null!;
            }
        }

        foreach (var key in byIssuer.Where(p => p.Value is null).Select(p => p.Key).ToArray())
        {
            byIssuer.Remove(key);
        }

        _byTenant = all.ToFrozenDictionary(s => s.TenantId, StringComparer.Ordinal);
        _byIssuer = byIssuer.ToFrozenDictionary(StringComparer.Ordinal);
        Log.SsoIndexReloaded(_logger, byIssuer.Count);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _subscription?.Dispose();
        _gate.Dispose();
    }

    private void OnTenantChanged(TenantChange change)
    {
        var relevant = change.Kind is TenantChangeKind.Reset or TenantChangeKind.Removed
            || (change.IsRemote && change.Kind == TenantChangeKind.AccessChanged && change.Keys.Contains(ChangeKey));
        if (relevant && _byIssuer is not null)
        {
            _ = ReloadQuietlyAsync();
        }
    }

    private async Task ReloadQuietlyAsync()
    {
        try
        {
            await ReloadAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception) when (_byIssuer is not null)
        {
            // Keep the previous index; the next change or restart reloads it.
        }
    }
}
