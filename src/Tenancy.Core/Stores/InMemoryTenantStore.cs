using System.Collections.Frozen;
using Tenancy.Events;

namespace Tenancy.Stores;

/// <summary>
/// A writable store held in memory. Reads are lock-free over an immutable snapshot of frozen dictionaries and
/// allocation-free through <see cref="ITenantSpanLookup"/>; writes rebuild the snapshot under a lock (tenants change
/// rarely, requests read constantly).
/// </summary>
public sealed class InMemoryTenantStore : IWritableTenantStore, ITenantSpanLookup
{
    private readonly Lock _writeLock = new();
    private readonly ITenantChangeNotifier? _notifier;
    private TenantSnapshot _snapshot;

    /// <summary>Creates a store.</summary>
    /// <param name="tenants">The initial tenants.</param>
    /// <param name="notifier">Receives a change for every write; <see langword="null"/> for none.</param>
    /// <exception cref="DuplicateTenantException">Two initial tenants share an id, identifier or domain.</exception>
    public InMemoryTenantStore(IEnumerable<TenantInfo> tenants, ITenantChangeNotifier? notifier = null)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        _notifier = notifier;
        _snapshot = TenantSnapshot.Create(tenants);
    }

    /// <summary>The number of tenants.</summary>
    public int Count => Volatile.Read(ref _snapshot).ById.Count;

    /// <summary>Replaces every tenant at once (used by configuration reloads). Publishes a change per difference.</summary>
    /// <param name="tenants">The new set of tenants.</param>
    /// <exception cref="DuplicateTenantException">Two tenants share an id, identifier or domain; nothing changes.</exception>
    public void ReplaceAll(IEnumerable<TenantInfo> tenants)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        var next = TenantSnapshot.Create(tenants);
        TenantSnapshot previous;
        lock (_writeLock)
        {
            previous = _snapshot;
            Volatile.Write(ref _snapshot, next);
        }

        if (_notifier is null)
        {
            return;
        }

        foreach (var (id, before) in previous.ById)
        {
            if (!next.ById.TryGetValue(id, out var after))
            {
                _notifier.Publish(new TenantChange(TenantChangeKind.Removed, id, before, null));
            }
            else if (!before.Equals(after))
            {
                _notifier.Publish(new TenantChange(TenantChangeKind.Updated, id, before, after));
            }
        }

        foreach (var (id, after) in next.ById)
        {
            if (!previous.ById.ContainsKey(id))
            {
                _notifier.Publish(new TenantChange(TenantChangeKind.Added, id, null, after));
            }
        }
    }

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        TryFindById(id, out var tenant);
        return ValueTask.FromResult(tenant);
    }

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(identifier);
        TryFindByIdentifier(identifier, out var tenant);
        return ValueTask.FromResult(tenant);
    }

    /// <inheritdoc />
    public ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(domain);
        TryFindByDomain(domain, out var tenant);
        return ValueTask.FromResult(tenant);
    }

    /// <inheritdoc />
    public ValueTask<TenantPage> ListAsync(TenantPageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ordered = Volatile.Read(ref _snapshot).OrderedById;
        var start = 0;
        if (request.ContinuationToken is { } token)
        {
            start = FirstAfter(ordered, token);
        }

        var count = Math.Min(request.PageSize, ordered.Length - start);
        var items = ordered.AsSpan(start, Math.Max(count, 0)).ToArray();
        var next = start + count < ordered.Length && items.Length > 0 ? items[^1].Id : null;
        return ValueTask.FromResult(new TenantPage(items, next));
    }

    /// <inheritdoc />
    public ValueTask AddAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        lock (_writeLock)
        {
            var current = _snapshot;
            if (current.ById.ContainsKey(tenant.Id))
            {
                throw new DuplicateTenantException($"A tenant with id '{tenant.Id}' already exists.");
            }

            current.EnsureUnique(tenant);
            Volatile.Write(ref _snapshot, TenantSnapshot.Create(current.ById.Values.Append(tenant)));
        }

        _notifier?.Publish(new TenantChange(TenantChangeKind.Added, tenant.Id, null, tenant));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask UpdateAsync(TenantInfo tenant, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        TenantInfo previous;
        lock (_writeLock)
        {
            var current = _snapshot;
            if (!current.ById.TryGetValue(tenant.Id, out previous!))
            {
                throw TenantNotFoundException.ForKey(tenant.Id);
            }

            current.EnsureUnique(tenant);
            Volatile.Write(ref _snapshot, TenantSnapshot.Create(current.ById.Values.Where(t => t.Id != tenant.Id).Append(tenant)));
        }

        _notifier?.Publish(new TenantChange(TenantChangeKind.Updated, tenant.Id, previous, tenant));
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<bool> RemoveAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        TenantInfo? previous;
        lock (_writeLock)
        {
            var current = _snapshot;
            if (!current.ById.TryGetValue(id, out previous))
            {
                return ValueTask.FromResult(false);
            }

            Volatile.Write(ref _snapshot, TenantSnapshot.Create(current.ById.Values.Where(t => t.Id != id)));
        }

        _notifier?.Publish(new TenantChange(TenantChangeKind.Removed, id, previous, null));
        return ValueTask.FromResult(true);
    }

    /// <inheritdoc />
    public bool TryFindById(ReadOnlySpan<char> id, out TenantInfo? tenant)
    {
        Volatile.Read(ref _snapshot).ByIdLookup.TryGetValue(id, out tenant);
        return true;
    }

    /// <inheritdoc />
    public bool TryFindByIdentifier(ReadOnlySpan<char> identifier, out TenantInfo? tenant)
    {
        Volatile.Read(ref _snapshot).ByIdentifierLookup.TryGetValue(identifier, out tenant);
        return true;
    }

    /// <inheritdoc />
    public bool TryFindByDomain(ReadOnlySpan<char> domain, out TenantInfo? tenant)
    {
        Volatile.Read(ref _snapshot).ByDomainLookup.TryGetValue(domain, out tenant);
        return true;
    }

    private static int FirstAfter(TenantInfo[] ordered, string id)
    {
        int low = 0, high = ordered.Length;
        while (low < high)
        {
            var mid = low + ((high - low) / 2);
            if (string.CompareOrdinal(ordered[mid].Id, id) <= 0)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private sealed class TenantSnapshot
    {
        private TenantSnapshot(FrozenDictionary<string, TenantInfo> byId, FrozenDictionary<string, TenantInfo> byIdentifier, FrozenDictionary<string, TenantInfo> byDomain)
        {
            ById = byId;
            ByIdentifier = byIdentifier;
            ByDomain = byDomain;
            ByIdLookup = byId.GetAlternateLookup<ReadOnlySpan<char>>();
            ByIdentifierLookup = byIdentifier.GetAlternateLookup<ReadOnlySpan<char>>();
            ByDomainLookup = byDomain.GetAlternateLookup<ReadOnlySpan<char>>();
            OrderedById = [.. byId.Values.OrderBy(t => t.Id, StringComparer.Ordinal)];
        }

        public FrozenDictionary<string, TenantInfo> ById { get; }

        public FrozenDictionary<string, TenantInfo> ByIdentifier { get; }

        public FrozenDictionary<string, TenantInfo> ByDomain { get; }

        public FrozenDictionary<string, TenantInfo>.AlternateLookup<ReadOnlySpan<char>> ByIdLookup { get; }

        public FrozenDictionary<string, TenantInfo>.AlternateLookup<ReadOnlySpan<char>> ByIdentifierLookup { get; }

        public FrozenDictionary<string, TenantInfo>.AlternateLookup<ReadOnlySpan<char>> ByDomainLookup { get; }

        public TenantInfo[] OrderedById { get; }

        public static TenantSnapshot Create(IEnumerable<TenantInfo> tenants)
        {
            var byId = new Dictionary<string, TenantInfo>(StringComparer.Ordinal);
            var byIdentifier = new Dictionary<string, TenantInfo>(StringComparer.OrdinalIgnoreCase);
            var byDomain = new Dictionary<string, TenantInfo>(StringComparer.OrdinalIgnoreCase);
            foreach (var tenant in tenants)
            {
                ArgumentNullException.ThrowIfNull(tenant);
                if (!byId.TryAdd(tenant.Id, tenant))
                {
                    throw new DuplicateTenantException($"Two tenants have the id '{tenant.Id}'.");
                }

                if (!byIdentifier.TryAdd(tenant.Identifier, tenant))
                {
                    throw new DuplicateTenantException($"Two tenants have the identifier '{tenant.Identifier}'.");
                }

                foreach (var domain in tenant.Domains)
                {
                    if (!byDomain.TryAdd(domain, tenant))
                    {
                        throw new DuplicateTenantException($"Two tenants have the domain '{domain}'.");
                    }
                }
            }

            return new TenantSnapshot(
                byId.ToFrozenDictionary(StringComparer.Ordinal),
                byIdentifier.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase),
                byDomain.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase));
        }

        public void EnsureUnique(TenantInfo tenant)
        {
            if (ByIdentifier.TryGetValue(tenant.Identifier, out var other) && other.Id != tenant.Id)
            {
                throw new DuplicateTenantException($"The identifier '{tenant.Identifier}' is taken by another tenant.");
            }

            foreach (var domain in tenant.Domains)
            {
                if (ByDomain.TryGetValue(domain, out other) && other.Id != tenant.Id)
                {
                    throw new DuplicateTenantException($"The domain '{domain}' is taken by another tenant.");
                }
            }
        }
    }
}
