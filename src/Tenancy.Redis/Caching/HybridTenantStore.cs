using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tenancy.Events;
using Tenancy.Redis.Connection;
using Tenancy.Redis.Diagnostics;
using Tenancy.Resolution;
using Tenancy.Stores;

namespace Tenancy.Redis.Caching;

/// <summary>
/// The shared second level of tenant lookups: <see cref="HybridCache"/> over Redis (its in-process level is turned off,
/// because <see cref="CachingTenantStore"/> in front of it is the in-process level with the allocation-free span path).
/// A cold instance reads tenants from Redis instead of the database, and concurrent misses of one key make one database
/// read (HybridCache's stampede protection). Every tenant change (local or from the backplane) removes the keys it names;
/// until that removal has reached Redis, lookups of those keys skip Redis and read the database. A reset deletes every key.
/// Redis failures fall back to the database.
/// </summary>
internal sealed class HybridTenantStore : IWritableTenantStore, IDisposable, IAsyncDisposable
{
    private const string Tag = "tenancy-tenants";

    private static readonly HybridCacheEntryOptions BypassRead = new()
    {
        Flags = HybridCacheEntryFlags.DisableLocalCache | HybridCacheEntryFlags.DisableDistributedCacheRead,
    };

    private readonly ITenantStore _inner;
    private readonly TenancyRedisConnection _connection;
    private readonly ServiceProvider _cacheServices;
    private readonly HybridCache _cache;
    private readonly HybridCacheEntryOptions _found;
    private readonly HybridCacheEntryOptions _missing;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, long> _dirty = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;
    private long _resetUntil;

    public HybridTenantStore(
        ITenantStore inner,
        TenancyRedisConnection connection,
        IOptions<RedisTenantCacheOptions> options,
        ITenantChangeNotifier notifier,
        TimeProvider? timeProvider = null,
        ILoggerFactory? loggerFactory = null)
    {
        _inner = inner;
        _connection = connection;
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)loggerFactory?.CreateLogger<HybridTenantStore>() ?? NullLogger.Instance;

        // A private container, so that the HybridCache and the IDistributedCache behind it stay Tenancy's own and the
        // application's HybridCache/IDistributedCache registrations (if any) are left alone.
        var services = new ServiceCollection();
        if (loggerFactory is not null)
        {
            services.AddSingleton(loggerFactory);
            services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        }

        services.AddSingleton(_time);
        services.AddStackExchangeRedisCache(o =>
        {
            o.InstanceName = connection.Key("tenants:");
            o.ConnectionMultiplexerFactory = async () => await connection.GetAsync(CancellationToken.None).ConfigureAwait(false);
        });
        services.AddHybridCache();
        _cacheServices = services.BuildServiceProvider();
        _cache = _cacheServices.GetRequiredService<HybridCache>();
        _found = new HybridCacheEntryOptions { Expiration = options.Value.TimeToLive, Flags = HybridCacheEntryFlags.DisableLocalCache };
        _missing = new HybridCacheEntryOptions { Expiration = options.Value.NegativeTimeToLive, Flags = HybridCacheEntryFlags.DisableLocalCache };
        _subscription = notifier.Subscribe(OnChange);
    }

    public ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default) =>
        FindAsync(TenantKeyKind.Id, id, cancellationToken);

    public ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) =>
        FindAsync(TenantKeyKind.Identifier, identifier, cancellationToken);

    public ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default) =>
        FindAsync(TenantKeyKind.Domain, domain, cancellationToken);

    public ValueTask<TenantPage> ListAsync(TenantPageRequest request, CancellationToken cancellationToken = default) =>
        _inner.ListAsync(request, cancellationToken);

    public async ValueTask AddAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        await Writable().AddAsync(tenant, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask UpdateAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        await Writable().UpdateAsync(tenant, cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<bool> RemoveAsync(string id, CancellationToken cancellationToken = default) => Writable().RemoveAsync(id, cancellationToken);

    public void Dispose()
    {
        _subscription.Dispose();
        _cacheServices.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        await _cacheServices.DisposeAsync().ConfigureAwait(false);
    }

    private async ValueTask<TenantInfo?> FindAsync(TenantKeyKind kind, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_connection.Current is { IsConnected: false })
        {
            return await ReadAsync(kind, key, cancellationToken).ConfigureAwait(false); // Redis is away: no timeout per lookup.
        }

        var cacheKey = CacheKey(kind, key);
        var now = _time.GetTimestamp();
        var bypass = now < Interlocked.Read(ref _resetUntil) || (_dirty.TryGetValue(cacheKey, out var until) && now < until);
        try
        {
            var cached = await _cache.GetOrCreateAsync(
                cacheKey,
                (Store: this, Kind: kind, Key: key),
                static async (state, ct) => new CachedTenant(await state.Store.ReadAsync(state.Kind, state.Key, ct).ConfigureAwait(false)),
                bypass ? BypassRead : _found,
                [Tag],
                cancellationToken).ConfigureAwait(false);
            if (cached.Tenant is null && !bypass)
            {
                // Found-or-not is only known after the read; keep "no such tenant" for its own (shorter) time.
                await _cache.SetAsync(cacheKey, cached, _missing, [Tag], cancellationToken).ConfigureAwait(false);
            }

            return cached.Tenant;
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            return await ReadAsync(kind, key, cancellationToken).ConfigureAwait(false);
        }
    }

    private ValueTask<TenantInfo?> ReadAsync(TenantKeyKind kind, string key, CancellationToken cancellationToken) => kind switch
    {
        TenantKeyKind.Id => _inner.FindByIdAsync(key, cancellationToken),
        TenantKeyKind.Domain => _inner.FindByDomainAsync(key, cancellationToken),
        _ => _inner.FindByIdentifierAsync(key, cancellationToken),
    };

    private void OnChange(TenantChange change)
    {
        if (change.Kind == TenantChangeKind.AccessChanged)
        {
            return; // Keys or members changed, not the tenant.
        }

        if (change.Kind == TenantChangeKind.Reset)
        {
            Interlocked.Exchange(ref _resetUntil, long.MaxValue);
            _ = PurgeAsync();
            return;
        }

        var keys = new List<string> { CacheKey(TenantKeyKind.Id, change.TenantId) };
        foreach (var key in change.AllKeys())
        {
            keys.Add(CacheKey(TenantKeyKind.Identifier, key));
            keys.Add(CacheKey(TenantKeyKind.Domain, key));
        }

        foreach (var key in keys)
        {
            _dirty[key] = long.MaxValue;
        }

        _ = RemoveAsync(change.TenantId, keys);
    }

    private async Task RemoveAsync(string tenantId, List<string> keys)
    {
        var until = 0L;
        try
        {
            await _cache.RemoveAsync(keys).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Redis is away: keep skipping it for these keys until their entries have expired.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            until = _time.GetTimestamp() + (long)(_found.Expiration!.Value.TotalSeconds * _time.TimestampFrequency);
            Log.CacheInvalidationFailed(_logger, tenantId, ex);
        }

        foreach (var key in keys)
        {
            if (until == 0)
            {
                _dirty.TryRemove(key, out _);
            }
            else
            {
                _dirty[key] = until;
            }
        }
    }

    private async Task PurgeAsync()
    {
        var until = 0L;
        try
        {
            var multiplexer = await _connection.GetAsync(CancellationToken.None).ConfigureAwait(false);
            var database = multiplexer.GetDatabase();
            foreach (var endpoint in multiplexer.GetEndPoints())
            {
                var server = multiplexer.GetServer(endpoint);
                if (server.IsReplica)
                {
                    continue;
                }

                await foreach (var key in server.KeysAsync(pattern: _connection.Key("tenants:") + "*", pageSize: 1000).ConfigureAwait(false))
                {
                    await database.KeyDeleteAsync(key).ConfigureAwait(false);
                }
            }
        }
#pragma warning disable CA1031 // Redis is away: skip it until whatever it holds has expired.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            until = _time.GetTimestamp() + (long)(_found.Expiration!.Value.TotalSeconds * _time.TimestampFrequency);
            Log.CacheInvalidationFailed(_logger, TenantChange.AllTenants, ex);
        }

        Interlocked.Exchange(ref _resetUntil, until);
    }

    private IWritableTenantStore Writable() => _inner as IWritableTenantStore
        ?? throw new NotSupportedException($"The tenant store {_inner.GetType().Name} is read-only.");

    private static string CacheKey(TenantKeyKind kind, string key) => kind switch
    {
        TenantKeyKind.Id => "id:" + key,
        TenantKeyKind.Domain => "domain:" + key.ToLowerInvariant(),
        _ => "identifier:" + key.ToLowerInvariant(),
    };
}
