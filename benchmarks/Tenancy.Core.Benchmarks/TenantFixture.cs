using System.Security.Claims;
using Microsoft.Extensions.Primitives;
using Tenancy;
using Tenancy.Resolution;
using Tenancy.Stores;

namespace Tenancy.Core.Benchmarks;

/// <summary>Builds stores of many tenants and requests that name one of them.</summary>
internal static class TenantFixture
{
    private static readonly Dictionary<int, InMemoryTenantStore> Stores = [];

    public static InMemoryTenantStore Store(int count)
    {
        lock (Stores)
        {
            if (!Stores.TryGetValue(count, out var store))
            {
                var tenants = new TenantInfo[count];
                for (var i = 0; i < count; i++)
                {
                    tenants[i] = new TenantInfo($"t-{i:D7}", $"tenant{i}", $"Tenant {i}") { Domains = [$"tenant{i}.example.org"] };
                }

                store = new InMemoryTenantStore(tenants);
                Stores[count] = store;
            }

            return store;
        }
    }

    /// <summary>The tenant the requests name: the one in the middle of the store.</summary>
    public static int Target(int count) => count / 2;

    public static TenantRequest HostRequest(int count) => new() { Host = $"tenant{Target(count)}.example.com" };

    public static TenantRequest CustomDomainRequest(int count) => new() { Host = $"tenant{Target(count)}.example.org" };

    public static TenantRequest HeaderRequest(int count) => new()
    {
        Headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase) { ["X-Tenant"] = $"tenant{Target(count)}" },
    };

    public static TenantRequest PathRequest(int count) => new() { Path = $"/tenant{Target(count)}/orders/42" };

    public static TenantRequest ClaimRequest(int count) => new()
    {
        User = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "user-1"), new Claim("name", "Ada"), new Claim("tid", $"t-{Target(count):D7}")],
            authenticationType: "Bearer")),
    };

    /// <summary>Hides <see cref="ITenantSpanLookup"/>, like a database-backed store, so that only the cache answers synchronously.</summary>
    public sealed class RemoteStore(ITenantStore inner) : ITenantStore
    {
        public ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default) => inner.FindByIdAsync(id, cancellationToken);

        public ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) => inner.FindByIdentifierAsync(identifier, cancellationToken);

        public ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default) => inner.FindByDomainAsync(domain, cancellationToken);

        public ValueTask<TenantPage> ListAsync(TenantPageRequest request, CancellationToken cancellationToken = default) => inner.ListAsync(request, cancellationToken);
    }
}
