using System.Security.Claims;
using Tenancy.Core.Tests.Support;
using Tenancy.Events;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;
using Tenancy.Stores;

namespace Tenancy.Allocation.Tests;

/// <summary>Tenancy.Core's warm paths: resolution from memory or the cache, claim reading, scopes.</summary>
public sealed class CoreAllocationTests
{
    private static readonly InMemoryTenantStore Store = new(Tenants.All);
    private static readonly HostTenantStrategy Host = new("{tenant}.example.com");
    private static readonly HeaderTenantStrategy Header = new();
    private static readonly PathTenantStrategy Path = new();
    private static readonly ClaimTenantStrategy Claim = new();
    private readonly ICurrentTenant _current = AmbientCurrentTenant.Instance;
    private readonly ClaimTenantStrategy _strategy = new();

    private static TenantResolver Resolver(ITenantStore store, TenancyOptions? options = null, IEnumerable<TenantResolutionObserver>? observers = null, params ITenantResolutionStrategy[] strategies) =>
        new(strategies, store, options is null ? null : Microsoft.Extensions.Options.Options.Create(options), observers);

    [Fact]
    public async Task Resolving_every_strategy_from_memory_or_cache_allocates_nothing()
    {
        var cached = new CachingTenantStore(new CountingStore(Tenants.All));
        var user = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim("tid", "t-acme")], "Bearer"));
        foreach (ITenantStore store in new ITenantStore[] { Store, cached })
        {
            var resolver = Resolver(store, null, null, Claim, Host, Header, Path);
            var request = Tenants.Request(host: "acme.example.com", path: "/acme/x", headers: [("X-Tenant", "acme")], user: user);
            var custom = Tenants.Request(host: "acme.com", user: user);
            (await resolver.ResolveAsync(request)).Succeeded.Should().BeTrue(); // Warms the cache.
            (await resolver.ResolveAsync(custom)).Succeeded.Should().BeTrue();

            var completed = 0;
            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 100; i++)
            {
                completed += resolver.ResolveAsync(request).IsCompletedSuccessfully ? 1 : 0;
                completed += resolver.ResolveAsync(custom).IsCompletedSuccessfully ? 1 : 0;
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            completed.Should().Be(200);
            allocated.Should().Be(0, $"resolving from {store.GetType().Name} must not allocate");
        }
    }

    [Fact]
    public void Beginning_and_ending_a_scope_from_the_host_context_fits_the_per_request_budget()
    {
        for (var i = 0; i < 10; i++)
        {
            using (_current.Begin(Tenants.Acme))
            {
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            using (_current.Begin(Tenants.Acme))
            {
            }
        }

        var perScope = (GC.GetAllocatedBytesForCurrentThread() - before) / 100;
        perScope.Should().BeLessThanOrEqualTo(136, "the AsyncLocal change and the scope's own frame (its unique token) are the only allocations");
    }

    [Fact]
    public void Reading_the_claim_allocates_nothing()
    {
        var request = Tenants.Request(user: new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("sub", "u"), new Claim("name", "n"), new Claim("tid", "t-acme")], "Bearer")));
        _strategy.GetCandidate(request);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            _strategy.IsAuthoritativeFor(request);
            _strategy.GetCandidate(request);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Fact]
    public void A_warm_per_tenant_options_lookup_through_the_options_factory_allocates_nothing()
    {
        var current = AmbientCurrentTenant.Instance;
        using var cache = new TenantOptionsCache<TenantOptionsCacheOptions>(current);
        var create = new Microsoft.Extensions.Options.OptionsFactory<TenantOptionsCacheOptions>([], []);
        using (current.Begin(Tenants.Acme))
        {
            var first = cache.GetOrCreate(null, create);
            var same = true;
            for (var i = 0; i < 1000; i++)
            {
                same &= ReferenceEquals(cache.GetOrCreate(null, create), first);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            for (var i = 0; i < 1000; i++)
            {
                same &= ReferenceEquals(cache.GetOrCreate(null, create), first);
            }

            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            same.Should().BeTrue();
            allocated.Should().Be(0);
        }
    }
}
