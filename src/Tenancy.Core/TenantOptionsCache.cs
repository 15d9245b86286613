using System.Diagnostics.CodeAnalysis;
using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Tenancy.Events;

namespace Tenancy;

/// <summary>
/// An <see cref="IOptionsMonitorCache{TOptions}"/> that keeps one instance per (current tenant, name), so that
/// <see cref="IOptions{TOptions}"/>, <see cref="IOptionsSnapshot{TOptions}"/> and <see cref="IOptionsMonitor{TOptions}"/>
/// answer with the current tenant's values. Bounded by <see cref="TenantOptionsCacheOptions.MaxEntries"/>; a tenant's
/// entries are dropped when <see cref="ITenantChangeNotifier"/> publishes a change of that tenant (every entry on a reset).
/// Registered by <c>services.ConfigurePerTenant&lt;TOptions&gt;(…)</c>.
/// </summary>
/// <typeparam name="TOptions">The options type.</typeparam>
public sealed class TenantOptionsCache<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions> : IOptionsMonitorCache<TOptions>, IDisposable
    where TOptions : class
{
    private readonly ConcurrentDictionary<Key, Entry> _entries = new();
    private readonly ICurrentTenant _currentTenant;
    private readonly int _maxEntries;
    private readonly IDisposable? _subscription;

    /// <summary>Creates the cache.</summary>
    /// <param name="currentTenant">The ambient tenant, which picks the entry.</param>
    /// <param name="settings">The bound; 10,000 entries when not configured.</param>
    /// <param name="notifier">Publishes tenant changes, which drop the tenant's entries.</param>
    public TenantOptionsCache(ICurrentTenant currentTenant, IOptions<TenantOptionsCacheOptions>? settings = null, ITenantChangeNotifier? notifier = null)
    {
        ArgumentNullException.ThrowIfNull(currentTenant);
        _currentTenant = currentTenant;
        _maxEntries = Math.Max(1, settings?.Value.MaxEntries ?? new TenantOptionsCacheOptions().MaxEntries);
        _subscription = notifier?.Subscribe(change =>
        {
            if (change.Kind == TenantChangeKind.Reset)
            {
                Clear();
            }
            else if (change.Kind != TenantChangeKind.AccessChanged)
            {
                ClearTenant(change.TenantId);
            }
        });
    }

    /// <summary>The number of cached entries, over all tenants.</summary>
    public int Count => _entries.Count;

    /// <summary>Returns the current tenant's options named <paramref name="name"/>, creating them with <paramref name="factory"/> once.</summary>
    /// <param name="name">The options name (<see langword="null"/> for the default).</param>
    /// <param name="factory">Creates the options while the tenant is current.</param>
    /// <returns>The options.</returns>
    public TOptions GetOrCreate(string? name, IOptionsFactory<TOptions> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return GetOrAdd(name, static (n, f) => f.Create(n), factory);
    }

    /// <inheritdoc />
    public TOptions GetOrAdd(string? name, Func<TOptions> createOptions)
    {
        ArgumentNullException.ThrowIfNull(createOptions);
        return GetOrAdd(name, static (_, create) => create(), createOptions);
    }

    /// <inheritdoc />
    public bool TryAdd(string? name, TOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TrimIfFull();
        return _entries.TryAdd(CurrentKey(name), new Entry(_currentTenant.Tenant, new Lazy<TOptions>(options)));
    }

    /// <summary>Removes the options named <paramref name="name"/> for every tenant (a change token fired for them).</summary>
    /// <param name="name">The options name.</param>
    /// <returns>Whether any entry was removed.</returns>
    public bool TryRemove(string? name)
    {
        name ??= Microsoft.Extensions.Options.Options.DefaultName;
        var removed = false;
        foreach (var key in _entries.Keys)
        {
            if (string.Equals(key.Name, name, StringComparison.Ordinal))
            {
                removed |= _entries.TryRemove(key, out _);
            }
        }

        return removed;
    }

    /// <summary>Drops every entry of one tenant; the next read rebuilds them with the tenant's current data.</summary>
    /// <param name="tenantId">The tenant id.</param>
    public void ClearTenant(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        foreach (var key in _entries.Keys)
        {
            if (string.Equals(key.TenantId, tenantId, StringComparison.Ordinal))
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    /// <inheritdoc />
    public void Clear() => _entries.Clear();

    /// <inheritdoc />
    public void Dispose() => _subscription?.Dispose();

    private Key CurrentKey(string? name) => new(_currentTenant.Id ?? string.Empty, name ?? Microsoft.Extensions.Options.Options.DefaultName);

    // An entry built from another version of the tenant (a request that resolved the tenant just before a change
    // arrived can finish building after the change dropped the entries) is replaced, never kept: the next request with
    // the tenant's current data rebuilds it, so a change cannot be lost to that race.
    private TOptions GetOrAdd<TArg>(string? name, Func<string, TArg, TOptions> create, TArg arg)
    {
        var tenant = _currentTenant.Tenant;
        var key = CurrentKey(name);
        return _entries.TryGetValue(key, out var entry) && entry.IsFor(tenant) ? entry.Options.Value : Create(key, tenant, create, arg);
    }

    // Apart from the lookup, so that a hit allocates no closure.
    private TOptions Create<TArg>(Key key, TenantInfo? tenant, Func<string, TArg, TOptions> create, TArg arg) =>
        Add(key, new Entry(tenant, new Lazy<TOptions>(() => create(key.Name, arg), LazyThreadSafetyMode.ExecutionAndPublication)));

    private TOptions Add(Key key, Entry entry)
    {
        TrimIfFull();
        var stored = _entries.AddOrUpdate(key, entry, (_, existing) => existing.IsFor(entry.Tenant) ? existing : entry);
        return stored.Options.Value;
    }

    private void TrimIfFull()
    {
        if (_entries.Count >= _maxEntries)
        {
            _entries.Clear();
        }
    }

    private readonly record struct Key(string TenantId, string Name);

    private sealed class Entry(TenantInfo? tenant, Lazy<TOptions> options)
    {
        public TenantInfo? Tenant { get; } = tenant;

        public Lazy<TOptions> Options { get; } = options;

        // The same object on the warm path; an equal copy (a store reload with nothing changed) counts as the same.
        public bool IsFor(TenantInfo? tenant) => ReferenceEquals(Tenant, tenant) || (Tenant is not null && Tenant.Equals(tenant));
    }
}
