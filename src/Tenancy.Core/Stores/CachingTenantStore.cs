using Tenancy.Diagnostics;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.Events;
using Tenancy.Resolution;

namespace Tenancy.Stores;

/// <summary>
/// Caches another store's lookups by id, identifier and domain. Hits are answered through
/// <see cref="ITenantSpanLookup"/> without allocating; entries expire after <see cref="TenantStoreCacheOptions.TimeToLive"/>
/// (measured with <see cref="TimeProvider"/>), unknown keys are remembered for
/// <see cref="TenantStoreCacheOptions.NegativeTimeToLive"/>, the size is bounded, and every change published through
/// <see cref="ITenantChangeNotifier"/> evicts the tenant's previous and current id, identifier and domains at once.
/// Writes pass through to a writable inner store and evict as well.
/// </summary>
public sealed class CachingTenantStore : IWritableTenantStore, ITenantSpanLookup, IDisposable
{
    private readonly ITenantStore _inner;
    private readonly ITenantSpanLookup? _innerSpan;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly long _ttl;
    private readonly long _negativeTtl;
    private readonly int _maxEntries;
    private readonly IDisposable? _subscription;
    private readonly KeyCache _byId = new(StringComparer.Ordinal);
    private readonly KeyCache _byIdentifier = new(StringComparer.OrdinalIgnoreCase);
    private readonly KeyCache _byDomain = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _trimLock = new();
    private long _generation;
    private int _count;

    /// <summary>Creates the cache.</summary>
    /// <param name="inner">The store to cache.</param>
    /// <param name="options">The cache options.</param>
    /// <param name="notifier">The change notifier to follow for invalidation; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">The logger.</param>
    public CachingTenantStore(
        ITenantStore inner,
        TenantStoreCacheOptions? options = null,
        ITenantChangeNotifier? notifier = null,
        TimeProvider? timeProvider = null,
        ILogger<CachingTenantStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        if (inner is CachingTenantStore)
        {
            throw new ArgumentException("The store is already cached.", nameof(inner));
        }

        options ??= new TenantStoreCacheOptions();
        var validation = new TenantStoreCacheOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new ArgumentException(validation.FailureMessage, nameof(options));
        }

        _inner = inner;
        _innerSpan = inner as ITenantSpanLookup;
        _time = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _ttl = ToTimestamp(options.TimeToLive);
        _negativeTtl = ToTimestamp(options.NegativeTimeToLive);
        _maxEntries = options.MaxEntries;
        _subscription = notifier?.Subscribe(OnChange);
    }

    /// <summary>The store being cached.</summary>
    public ITenantStore Inner => _inner;

    /// <summary>The number of cached entries (found and not-found, by every key).</summary>
    public int Count => Volatile.Read(ref _count);

    /// <inheritdoc />
    public bool TryFindById(ReadOnlySpan<char> id, out TenantInfo? tenant) => TryFind(_byId, TenantKeyKind.Id, id, out tenant);

    /// <inheritdoc />
    public bool TryFindByIdentifier(ReadOnlySpan<char> identifier, out TenantInfo? tenant) => TryFind(_byIdentifier, TenantKeyKind.Identifier, identifier, out tenant);

    /// <inheritdoc />
    public bool TryFindByDomain(ReadOnlySpan<char> domain, out TenantInfo? tenant) => TryFind(_byDomain, TenantKeyKind.Domain, domain, out tenant);

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default) => FindAsync(_byId, TenantKeyKind.Id, id, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) => FindAsync(_byIdentifier, TenantKeyKind.Identifier, identifier, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default) => FindAsync(_byDomain, TenantKeyKind.Domain, domain, cancellationToken);

    /// <inheritdoc />
    public ValueTask<TenantPage> ListAsync(TenantPageRequest request, CancellationToken cancellationToken = default) => _inner.ListAsync(request, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The inner store is read-only.</exception>
    public async ValueTask AddAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        await Writable().AddAsync(tenant, cancellationToken).ConfigureAwait(false);
        Evict(tenant.Id, null, tenant, added: true);
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The inner store is read-only.</exception>
    public async ValueTask UpdateAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        var store = Writable();
        Interlocked.Increment(ref _generation);
        try
        {
            await store.UpdateAsync(tenant, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Evict(tenant.Id, null, tenant, added: false);
        }
    }

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The inner store is read-only.</exception>
    public async ValueTask<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        var store = Writable();
        Interlocked.Increment(ref _generation);
        try
        {
            return await store.RemoveAsync(id, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Evict(id, null, null, added: false);
        }
    }

    /// <summary>Drops every cached entry.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        lock (_trimLock)
        {
            _byId.Entries.Clear();
            _byIdentifier.Entries.Clear();
            _byDomain.Entries.Clear();
            Volatile.Write(ref _count, 0);
        }
    }

    /// <summary>Stops following tenant changes.</summary>
    public void Dispose() => _subscription?.Dispose();

    private bool TryFind(KeyCache cache, TenantKeyKind kind, ReadOnlySpan<char> key, out TenantInfo? tenant)
    {
        var now = _time.GetTimestamp();
        if (cache.Lookup.TryGetValue(key, out var entry) && now < entry.ExpiresAt)
        {
            tenant = entry.Tenant;
            return true;
        }

        if (_innerSpan is null)
        {
            tenant = null;
            return false; // The resolver asks FindBy…Async, which fills the cache.
        }

        var generation = Volatile.Read(ref _generation);
        var answered = kind switch
        {
            TenantKeyKind.Id => _innerSpan.TryFindById(key, out tenant),
            TenantKeyKind.Domain => _innerSpan.TryFindByDomain(key, out tenant),
            _ => _innerSpan.TryFindByIdentifier(key, out tenant),
        };

        if (answered)
        {
            Store(cache, key.ToString(), tenant, generation, now);
        }

        return answered;
    }

    private ValueTask<TenantInfo?> FindAsync(KeyCache cache, TenantKeyKind kind, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var now = _time.GetTimestamp();
        return cache.Entries.TryGetValue(key, out var entry) && now < entry.ExpiresAt
            ? new ValueTask<TenantInfo?>(entry.Tenant)
            : FetchAsync(cache, kind, key, now, cancellationToken);
    }

    private async ValueTask<TenantInfo?> FetchAsync(KeyCache cache, TenantKeyKind kind, string key, long now, CancellationToken cancellationToken)
    {
        var generation = Volatile.Read(ref _generation);
        var tenant = await (kind switch
        {
            TenantKeyKind.Id => _inner.FindByIdAsync(key, cancellationToken),
            TenantKeyKind.Domain => _inner.FindByDomainAsync(key, cancellationToken),
            _ => _inner.FindByIdentifierAsync(key, cancellationToken),
        }).ConfigureAwait(false);

        Store(cache, key, tenant, generation, now);
        return tenant;
    }

    private void Store(KeyCache cache, string key, TenantInfo? tenant, long generation, long now)
    {
        var ttl = tenant is null ? _negativeTtl : _ttl;
        if (ttl == 0)
        {
            return;
        }

        if (Volatile.Read(ref _count) >= _maxEntries)
        {
            Trim(now);
        }

        var fresh = new Entry(tenant, now + ttl);
        if (cache.Entries.TryAdd(key, fresh))
        {
            Interlocked.Increment(ref _count);
        }
        else
        {
            cache.Entries[key] = fresh; // An expired entry being refreshed; the count stays approximate under races.
        }

        // A change published while the store was being read may have been missed by the eviction: drop what was
        // just stored rather than serve a tenant as it was before the change (a suspended tenant as active).
        if (Volatile.Read(ref _generation) != generation && cache.Entries.TryRemove(new KeyValuePair<string, Entry>(key, fresh)))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private void Trim(long now)
    {
        lock (_trimLock)
        {
            if (Volatile.Read(ref _count) < _maxEntries)
            {
                return;
            }

            var removed = 0;
            foreach (var cache in (ReadOnlySpan<KeyCache>)[_byId, _byIdentifier, _byDomain])
            {
                foreach (var (key, entry) in cache.Entries)
                {
                    if ((entry.Tenant is null || entry.ExpiresAt <= now) && cache.Entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
                    {
                        removed++;
                    }
                }
            }

            Interlocked.Add(ref _count, -removed);
            if (Volatile.Read(ref _count) >= _maxEntries * 3L / 4)
            {
                _byId.Entries.Clear();
                _byIdentifier.Entries.Clear();
                _byDomain.Entries.Clear();
                Volatile.Write(ref _count, 0);
            }

            Log.TenantCacheTrimmed(_logger, _maxEntries);
        }
    }

    private void OnChange(TenantChange change)
    {
        if (change.Kind == TenantChangeKind.AccessChanged)
        {
            return; // Keys or members changed, not the tenant.
        }

        if (change.Kind == TenantChangeKind.Reset)
        {
            Clear();
            return;
        }

        Evict(change.TenantId, change.Previous, change.Current, change.Kind == TenantChangeKind.Added);
        foreach (var key in change.Keys)
        {
            // Another instance's change names its keys without saying which is an identifier and which a domain.
            Remove(_byIdentifier, key);
            Remove(_byDomain, key);
        }
    }

    private void Evict(string id, TenantInfo? previous, TenantInfo? current, bool added)
    {
        Interlocked.Increment(ref _generation);
        Remove(_byId, id);
        foreach (var tenant in (ReadOnlySpan<TenantInfo?>)[previous, current])
        {
            if (tenant is null)
            {
                continue;
            }

            Remove(_byId, tenant.Id);
            Remove(_byIdentifier, tenant.Identifier);
            foreach (var domain in tenant.Domains)
            {
                Remove(_byDomain, domain);
            }
        }

        // The cache may hold keys of the tenant that the change does not name (an update published without the
        // previous state, or a write through this decorator): drop every entry that points at the tenant. A new
        // tenant has no such entries (its negative entries are keyed by its own identifier and domains, evicted above).
        if (previous is null && !added)
        {
            foreach (var cache in (ReadOnlySpan<KeyCache>)[_byIdentifier, _byDomain])
            {
                foreach (var (key, entry) in cache.Entries)
                {
                    if (entry.Tenant is { } cached && string.Equals(cached.Id, id, StringComparison.Ordinal))
                    {
                        Remove(cache, key);
                    }
                }
            }
        }
    }

    private void Remove(KeyCache cache, string key)
    {
        if (cache.Entries.TryRemove(key, out _))
        {
            Interlocked.Decrement(ref _count);
        }
    }

    private IWritableTenantStore Writable() => _inner as IWritableTenantStore
        ?? throw new NotSupportedException($"The tenant store {_inner.GetType().Name} is read-only.");

    private long ToTimestamp(TimeSpan span) =>
        span <= TimeSpan.Zero ? 0 : (long)(span.TotalSeconds * _time.TimestampFrequency);


    private sealed class Entry(TenantInfo? tenant, long expiresAt)
    {
        public TenantInfo? Tenant { get; } = tenant;

        public long ExpiresAt { get; } = expiresAt;
    }

    private sealed class KeyCache
    {
        public KeyCache(StringComparer comparer)
        {
            Entries = new ConcurrentDictionary<string, Entry>(comparer);
            Lookup = Entries.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public ConcurrentDictionary<string, Entry> Entries { get; }

        public ConcurrentDictionary<string, Entry>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }
    }
}
