using Tenancy.Diagnostics;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tenancy.Audit;
using Tenancy.Events;
using Tenancy.Lifecycle;

namespace Tenancy.ApiKeys;

/// <summary>
/// Creates, checks, rotates and revokes tenant API keys. Checking a token is allocation-free on the warm path: the key
/// record is cached by key id (with the prebuilt result), the secret is decoded and hashed on the stack and compared in
/// constant time. Last-used times are collected in memory, at most once per key per
/// <see cref="TenantApiKeyOptions.UsageFlushInterval"/>, and written in batches by <see cref="FlushUsageAsync"/>.
/// </summary>
public sealed class TenantApiKeyService : IDisposable
{
    private readonly ITenantApiKeyStore _store;
    private readonly TenantApiKeyOptions _options;
    private readonly TimeProvider _time;
    private readonly IAuditLog? _audit;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, CacheEntry> _cache = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CacheEntry>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly ConcurrentDictionary<string, TenantApiKeyUsage> _pendingUsage = new(StringComparer.Ordinal);
    private readonly long _positiveTtl;
    private readonly long _negativeTtl;
    private readonly long _usageInterval;
    private readonly IDisposable? _subscription;
    private readonly ITenantChangeNotifier? _notifier;

    /// <summary>Creates the service.</summary>
    /// <param name="store">Keeps the keys.</param>
    /// <param name="options">The options.</param>
    /// <param name="time">The clock.</param>
    /// <param name="notifier">Tenant changes; a removed or deactivated tenant's keys leave the cache at once, and revocations,
    /// rotations and deletions are published on it (<see cref="TenantChangeKind.AccessChanged"/>) so a backplane clears them on
    /// every instance.</param>
    /// <param name="audit">Records key changes, or <see langword="null"/>.</param>
    /// <param name="logger">The logger.</param>
    public TenantApiKeyService(
        ITenantApiKeyStore store,
        IOptions<TenantApiKeyOptions> options,
        TimeProvider? time = null,
        ITenantChangeNotifier? notifier = null,
        IAuditLog? audit = null,
        ILogger<TenantApiKeyService>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options.Value;
        _time = time ?? TimeProvider.System;
        _audit = audit;
        _logger = logger ?? NullLogger<TenantApiKeyService>.Instance;
        _lookup = _cache.GetAlternateLookup<ReadOnlySpan<char>>();
        _positiveTtl = ToTimestamp(_options.CacheDuration);
        _negativeTtl = ToTimestamp(_options.NegativeCacheDuration);
        _usageInterval = ToTimestamp(_options.UsageFlushInterval);
        _notifier = notifier;
        _subscription = notifier?.Subscribe(OnTenantChanged);
    }

    /// <summary>The environment label of the tokens this service issues and accepts.</summary>
    public string Environment => _options.Environment;

    /// <summary>Creates a key for a tenant. The returned token is the only time the secret is available.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="request">Name, scopes, expiry and creator.</param>
    /// <param name="cancellationToken">Cancels the creation.</param>
    /// <returns>The key and its token.</returns>
    public async Task<CreatedTenantApiKey> CreateAsync(string tenantId, TenantApiKeyRequest request, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ArgumentNullException.ThrowIfNull(request);
        var scopes = ValidateRequest(request);
        var now = _time.GetUtcNow();
        if (request.ExpiresAt is { } expires && expires <= now)
        {
            throw new ArgumentException("The expiry must be in the future.", nameof(request));
        }

        var created = Issue(tenantId, request.Name, scopes, request.ExpiresAt, request.CreatedBy, now);
        await _store.AddAsync(created.Stored, cancellationToken).ConfigureAwait(false);
        Log.ApiKeyCreated(_logger, created.Result.Key.Id, tenantId);
        await AuditAsync(tenantId, "apikey.created", created.Result.Key.Id, request.CreatedBy, cancellationToken).ConfigureAwait(false);
        return created.Result;
    }

    /// <summary>Lists a tenant's keys (never their secrets).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The keys, newest first.</returns>
    public Task<IReadOnlyList<TenantApiKey>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        return _store.ListAsync(tenantId, cancellationToken);
    }

    /// <summary>Revokes a tenant's key at once (this process's cache is cleared immediately, other instances' through the backplane).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="keyId">The key id.</param>
    /// <param name="revokedBy">Who revokes it, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the revocation.</param>
    /// <returns><see langword="true"/> when the tenant had such a key.</returns>
    public async Task<bool> RevokeAsync(string tenantId, string keyId, string? revokedBy = null, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ArgumentNullException.ThrowIfNull(keyId);
        if (!TenantApiKeyFormat.IsKeyId(keyId))
        {
            return false;
        }

        var revoked = await _store.RevokeAsync(tenantId, keyId, _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        _cache.TryRemove(keyId, out _);
        if (revoked)
        {
            Announce(tenantId, keyId);
            Log.ApiKeyRevoked(_logger, keyId, tenantId);
            await AuditAsync(tenantId, "apikey.revoked", keyId, revokedBy, cancellationToken).ConfigureAwait(false);
        }

        return revoked;
    }

    /// <summary>
    /// Replaces a key with a new one of the same name, scopes and expiry; the old key keeps working for
    /// <paramref name="overlap"/> (default <see cref="TenantApiKeyOptions.DefaultRotationOverlap"/>) so callers can switch.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="keyId">The key to replace.</param>
    /// <param name="overlap">How long the old key stays valid; zero ends it now.</param>
    /// <param name="rotatedBy">Who rotates it, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the rotation.</param>
    /// <returns>The new key, or <see langword="null"/> when the tenant has no usable key with that id.</returns>
    public async Task<CreatedTenantApiKey?> RotateAsync(string tenantId, string keyId, TimeSpan? overlap = null, string? rotatedBy = null, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        ArgumentNullException.ThrowIfNull(keyId);
        var keep = overlap ?? _options.DefaultRotationOverlap;
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, TimeSpan.Zero, nameof(overlap));
        if (!TenantApiKeyFormat.IsKeyId(keyId))
        {
            return null;
        }

        var now = _time.GetUtcNow();
        var old = await _store.FindAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (old is null || !string.Equals(old.Key.TenantId, tenantId, StringComparison.Ordinal) || !old.Key.IsUsableAt(now))
        {
            return null;
        }

        var created = Issue(tenantId, old.Key.Name, old.Key.Scopes, old.Key.ExpiresAt, rotatedBy ?? old.Key.CreatedBy, now);
        await _store.AddAsync(created.Stored, cancellationToken).ConfigureAwait(false);
        var until = now + keep;
        if (old.Key.ExpiresAt is not { } oldExpiry || oldExpiry > until)
        {
            await _store.SetExpiryAsync(tenantId, keyId, until, cancellationToken).ConfigureAwait(false);
        }

        _cache.TryRemove(keyId, out _);
        Announce(tenantId, keyId);
        Log.ApiKeyRotated(_logger, keyId, tenantId, created.Result.Key.Id, until);
        await AuditAsync(tenantId, "apikey.rotated", keyId, rotatedBy, cancellationToken).ConfigureAwait(false);
        return created.Result;
    }

    /// <summary>Deletes every key of a tenant (offboarding) and forgets them.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>The number of keys deleted.</returns>
    public async Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        TenantId.Validate(tenantId);
        var deleted = await _store.DeleteAllAsync(tenantId, cancellationToken).ConfigureAwait(false);
        ForgetTenant(tenantId);
        Announce(tenantId, null);
        return deleted;
    }

    /// <summary>
    /// Checks a presented token. Unknown, malformed, wrong, expired and revoked tokens all give
    /// <see cref="TenantApiKeyValidation.Failed"/>. A key found in the store is checked from memory for
    /// <see cref="TenantApiKeyOptions.CacheDuration"/>.
    /// </summary>
    /// <param name="token">The token.</param>
    /// <param name="cancellationToken">Cancels a store lookup.</param>
    /// <returns>The outcome.</returns>
    public ValueTask<TenantApiKeyValidation> ValidateAsync(string token, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> secret = stackalloc byte[TenantApiKeyFormat.SecretBytes];
        if (!TenantApiKeyFormat.TryParse(token, _options.Environment, out var keyId, secret))
        {
            return new(TenantApiKeyValidation.Failed);
        }

        var now = _time.GetTimestamp();
        if (_lookup.TryGetValue(keyId, out var entry) && now - entry.FetchedAt < (entry.Stored is null ? _negativeTtl : _positiveTtl))
        {
            return new(Check(entry, secret, now));
        }

        return ValidateSlowAsync(token, cancellationToken);
    }

    /// <summary>Writes the collected last-used times in one batch. Called periodically by the usage flusher and at shutdown.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The number of keys written.</returns>
    public async Task<int> FlushUsageAsync(CancellationToken cancellationToken = default)
    {
        if (_pendingUsage.IsEmpty)
        {
            return 0;
        }

        var batch = new List<TenantApiKeyUsage>(_pendingUsage.Count);
        foreach (var pair in _pendingUsage)
        {
            if (_pendingUsage.TryRemove(pair))
            {
                batch.Add(pair.Value);
            }
        }

        try
        {
            await _store.RecordUsageAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.ApiKeyUsageFlushFailed(_logger, batch.Count, ex);
            foreach (var usage in batch)
            {
                _pendingUsage.TryAdd(usage.KeyId, usage);
            }

            throw;
        }

        return batch.Count;
    }

    /// <summary>Removes every cached key of a tenant (another process changed its keys, or it was removed).</summary>
    /// <param name="tenantId">The tenant.</param>
    public void ForgetTenant(string tenantId)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        foreach (var pair in _cache)
        {
            if (pair.Value.Stored is { } stored && string.Equals(stored.Key.TenantId, tenantId, StringComparison.Ordinal))
            {
                _cache.TryRemove(pair);
            }
        }
    }

    /// <inheritdoc />
    public void Dispose() => _subscription?.Dispose();

    private async ValueTask<TenantApiKeyValidation> ValidateSlowAsync(string token, CancellationToken cancellationToken)
    {
        var keyId = token.Substring(TenantApiKeyFormat.Prefix.Length + _options.Environment.Length + 1, TenantApiKeyFormat.KeyIdLength);
        var stored = await _store.FindAsync(keyId, cancellationToken).ConfigureAwait(false);
        if (stored is not null && (!string.Equals(stored.Key.Id, keyId, StringComparison.Ordinal) || stored.SecretHash.Length != TenantApiKeyFormat.HashBytes))
        {
            stored = null;
        }

        var now = _time.GetTimestamp();
        var entry = new CacheEntry(stored, now);
        if (_cache.Count >= _options.MaxCacheEntries)
        {
            _cache.Clear();
            Log.ApiKeyCacheTrimmed(_logger, _options.MaxCacheEntries);
        }

        _cache[keyId] = entry;
        return CheckToken(entry, token, now);
    }

    private TenantApiKeyValidation CheckToken(CacheEntry entry, string token, long now)
    {
        Span<byte> secret = stackalloc byte[TenantApiKeyFormat.SecretBytes];
        return TenantApiKeyFormat.TryParse(token, _options.Environment, out _, secret) ? Check(entry, secret, now) : TenantApiKeyValidation.Failed;
    }

    private TenantApiKeyValidation Check(CacheEntry entry, ReadOnlySpan<byte> secret, long now)
    {
        Span<byte> hash = stackalloc byte[TenantApiKeyFormat.HashBytes];
        TenantApiKeyFormat.HashSecret(secret, hash);
        if (entry.Stored is not { } stored || !CryptographicOperations.FixedTimeEquals(hash, stored.SecretHash) || !stored.Key.IsUsableAt(_time.GetUtcNow()))
        {
            return TenantApiKeyValidation.Failed;
        }

        if (now - Volatile.Read(ref entry.UsageMarkedAt) >= _usageInterval)
        {
            Volatile.Write(ref entry.UsageMarkedAt, now);
            _pendingUsage[stored.Key.Id] = new TenantApiKeyUsage(stored.Key.TenantId, stored.Key.Id, _time.GetUtcNow());
        }

        return entry.Success!;
    }

    private (StoredTenantApiKey Stored, CreatedTenantApiKey Result) Issue(string tenantId, string name, IReadOnlyList<string> scopes, DateTimeOffset? expiresAt, string? createdBy, DateTimeOffset now)
    {
        var keyId = TenantApiKeyFormat.NewKeyId();
        var hash = new byte[TenantApiKeyFormat.HashBytes];
        var token = TenantApiKeyFormat.CreateToken(_options.Environment, keyId, hash);
        var key = new TenantApiKey(keyId, tenantId, name, scopes, now, createdBy, expiresAt, null, null);
        return (new StoredTenantApiKey(key, hash), new CreatedTenantApiKey(key, token));
    }

    private static string[] ValidateRequest(TenantApiKeyRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Name, nameof(request));
        if (request.Name.Length > 100 || request.Name.AsSpan().ContainsAnyInRange('\u0000', '\u001f'))
        {
            throw new ArgumentException("A key name is 1 to 100 characters without control characters.", nameof(request));
        }

        var scopes = (request.Scopes ?? []).Distinct(StringComparer.Ordinal).ToArray();
        if (scopes.Length > 50 || scopes.Any(s => s is null || s.Length is 0 or > 100 || s.AsSpan().ContainsAnyExceptInRange('\u0021', '\u007e')))
        {
            throw new ArgumentException("At most 50 scopes, each 1 to 100 printable ASCII characters without spaces.", nameof(request));
        }

        return scopes;
    }

    private Task AuditAsync(string tenantId, string action, string keyId, string? actor, CancellationToken cancellationToken) =>
        _audit is null
            ? Task.CompletedTask
            : _audit.WriteAsync(tenantId, new AuditEvent(action, "apikey:" + keyId) { ActorKind = actor is null ? null : AuditActorKind.User, ActorId = actor }, cancellationToken);

    private void OnTenantChanged(TenantChange change)
    {
        switch (change.Kind)
        {
            case TenantChangeKind.Reset:
                _cache.Clear(); // The backplane may have missed a revocation: every key is checked against the store again.
                break;
            case TenantChangeKind.AccessChanged when change.Keys.Count == 0:
                ForgetTenant(change.TenantId);
                break;
            case TenantChangeKind.AccessChanged:
                foreach (var key in change.Keys)
                {
                    // Only the named tenant's entry goes: a change announced for one tenant never touches another's key.
                    if (key.StartsWith(TenantChange.ApiKeyPrefix, StringComparison.Ordinal)
                        && _lookup.TryGetValue(key.AsSpan(TenantChange.ApiKeyPrefix.Length), out var entry)
                        && (entry.Stored is null || string.Equals(entry.Stored.Key.TenantId, change.TenantId, StringComparison.Ordinal)))
                    {
                        _cache.TryRemove(new KeyValuePair<string, CacheEntry>(key[TenantChange.ApiKeyPrefix.Length..], entry));
                    }
                }

                break;
            default:
                if (change.Current is not { IsActive: true })
                {
                    ForgetTenant(change.TenantId);
                }

                break;
        }
    }

    private void Announce(string tenantId, string? keyId) =>
        _notifier?.Publish(TenantChange.AccessChanged(tenantId, keyId is null ? null : TenantChange.ApiKeyPrefix + keyId));

    private long ToTimestamp(TimeSpan span) => (long)(span.TotalSeconds * _time.TimestampFrequency);

    private sealed class CacheEntry
    {
        public CacheEntry(StoredTenantApiKey? stored, long fetchedAt)
        {
            Stored = stored;
            FetchedAt = fetchedAt;
            UsageMarkedAt = long.MinValue / 2;
            Success = stored is null ? null : TenantApiKeyValidation.Success(stored.Key);
        }

        public StoredTenantApiKey? Stored { get; }

        public long FetchedAt { get; }

        public TenantApiKeyValidation? Success { get; }

#pragma warning disable SA1401, CA1051 // Read and written with Volatile on the hot path.
        public long UsageMarkedAt;
#pragma warning restore SA1401, CA1051
    }
}
