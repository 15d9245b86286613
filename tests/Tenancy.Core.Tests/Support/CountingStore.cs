using Tenancy.Stores;

namespace Tenancy.Core.Tests.Support;

/// <summary>
/// A writable store that answers only asynchronously (like a database) and counts how often it is asked.
/// It publishes nothing itself, so tests choose whether changes reach the cache through the notifier.
/// </summary>
internal sealed class CountingStore(params TenantInfo[] tenants) : IWritableTenantStore
{
    private readonly InMemoryTenantStore _inner = new(tenants);

    public int Lookups;

    public TaskCompletionSource? Gate { get; set; }

    public ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default) => Count(_inner.FindByIdAsync(id, cancellationToken));

    public ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) => Count(_inner.FindByIdentifierAsync(identifier, cancellationToken));

    public ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default) => Count(_inner.FindByDomainAsync(domain, cancellationToken));

    public ValueTask<TenantPage> ListAsync(TenantPageRequest request, CancellationToken cancellationToken = default) => _inner.ListAsync(request, cancellationToken);

    public ValueTask AddAsync(TenantInfo tenant, CancellationToken cancellationToken = default) => _inner.AddAsync(tenant, cancellationToken);

    public ValueTask UpdateAsync(TenantInfo tenant, CancellationToken cancellationToken = default) => _inner.UpdateAsync(tenant, cancellationToken);

    public ValueTask<bool> RemoveAsync(string id, CancellationToken cancellationToken = default) => _inner.RemoveAsync(id, cancellationToken);

    private async ValueTask<TenantInfo?> Count(ValueTask<TenantInfo?> lookup)
    {
        Interlocked.Increment(ref Lookups);
        var result = await lookup;
        if (Gate is { } gate)
        {
            await gate.Task;
        }

        return result;
    }
}
