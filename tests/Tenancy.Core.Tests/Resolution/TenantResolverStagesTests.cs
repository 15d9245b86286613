using Microsoft.Extensions.Options;
using Tenancy.Core.Tests.Support;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;
using Tenancy.Stores;

namespace Tenancy.Core.Tests.Resolution;

/// <summary>
/// The resolver's three stages (collect, fetch, decide): the answer must not depend on whether the store answers from
/// memory (no fetch stage) or only asynchronously (every key fetched), and the fetch stage asks for each key once.
/// </summary>
public sealed class TenantResolverStagesTests
{
    private static readonly ITenantResolutionStrategy[] AllStrategies =
    [
        new ClaimTenantStrategy(),
        new HostTenantStrategy("{tenant}.example.com"),
        new HeaderTenantStrategy(),
        new PathTenantStrategy(),
        new StaticTenantStrategy("globex"),
    ];

    public static TheoryData<bool, bool> Options() => new() { { true, true }, { true, false }, { false, true }, { false, false } };

    [Theory]
    [MemberData(nameof(Options))]
    public async Task Every_request_gets_the_same_outcome_from_a_memory_store_and_from_a_store_that_only_answers_asynchronously(bool agreeWithClaim, bool agreeBetweenSources)
    {
        var options = new TenancyOptions { RequireAgreementWithAuthenticatedTenant = agreeWithClaim, RequireAgreementBetweenSources = agreeBetweenSources };
        var memory = new TenantResolver(AllStrategies, new InMemoryTenantStore(Tenants.All), Microsoft.Extensions.Options.Options.Create(options));
        var remote = new TenantResolver(AllStrategies, new CountingStore(Tenants.All), Microsoft.Extensions.Options.Options.Create(options));
        var compared = 0;

        foreach (var request in Requests())
        {
            var fromMemory = await memory.ResolveAsync(request);
            var fetched = await remote.ResolveAsync(request);

            fetched.Outcome.Should().Be(fromMemory.Outcome, "request {0}", compared);
            fetched.Tenant.Should().BeSameAs(fromMemory.Tenant, "request {0}", compared);
            fetched.StrategyName.Should().Be(fromMemory.StrategyName, "request {0}", compared);
            compared++;
        }

        compared.Should().BeGreaterThan(500);
    }

    [Fact]
    public async Task A_key_that_two_sources_name_is_fetched_once()
    {
        var store = new CountingStore(Tenants.All);
        var resolver = new TenantResolver([new HeaderTenantStrategy(), new PathTenantStrategy()], store);

        var result = await resolver.ResolveAsync(Tenants.Request(path: "/ACME/orders", headers: [("X-Tenant", "acme")]));

        result.Tenant.Should().BeSameAs(Tenants.Acme);
        store.Lookups.Should().Be(1);
    }

    [Fact]
    public async Task A_default_is_not_fetched_when_another_source_names_a_tenant()
    {
        var store = new CountingStore(Tenants.All);
        var resolver = new TenantResolver([new StaticTenantStrategy("globex"), new HeaderTenantStrategy()], store);

        var result = await resolver.ResolveAsync(Tenants.Header("acme"));

        result.Tenant.Should().BeSameAs(Tenants.Acme);
        store.Lookups.Should().Be(1);
    }

    [Fact]
    public async Task A_default_is_fetched_when_the_only_other_source_names_an_unknown_custom_domain()
    {
        var store = new CountingStore(Tenants.All);
        var resolver = new TenantResolver([new HostTenantStrategy("{tenant}.example.com"), new StaticTenantStrategy("globex")], store);

        var result = await resolver.ResolveAsync(Tenants.Request(host: "unknown.org"));

        result.Tenant.Should().BeSameAs(Tenants.Globex);
        store.Lookups.Should().Be(2);
    }

    [Fact]
    public async Task Resolving_from_memory_with_more_strategies_than_fit_on_the_stack_still_completes_synchronously()
    {
        var strategies = Enumerable.Range(0, 12).Select(i => (ITenantResolutionStrategy)new HeaderTenantStrategy($"X-Tenant-{i}")).ToArray();
        var resolver = new TenantResolver(strategies, new InMemoryTenantStore(Tenants.All));

        var pending = resolver.ResolveAsync(Tenants.Request(headers: [("X-Tenant-0", "acme"), ("X-Tenant-11", "t-acme"), ("X-Tenant-5", "globex")]));

        pending.IsCompletedSuccessfully.Should().BeTrue();
        var result = await pending;
        result.Outcome.Should().Be(TenantResolutionOutcome.Conflict);
        result.StrategyName.Should().Be("header");
    }

    private static IEnumerable<TenantRequestView> Requests()
    {
        string[] hosts = ["", "acme.example.com", "GLOBEX.example.com", "nobody.example.com", "acme.com", "unknown.org", "initech.example.com", "bad_host!.example.com", "www.example.com"];
        string[] paths = ["", "/acme/orders", "/t-globex", "/nobody/x", "/a/../b", "/initech"];
        string?[] headers = [null, "acme", "t-globex", "nobody", "Bad Value!", "umbrella"];
        string?[] claims = [null, "t-acme", "t-globex", "t-nobody"];
        foreach (var host in hosts)
        {
            foreach (var path in paths)
            {
                foreach (var header in headers)
                {
                    foreach (var claim in claims)
                    {
                        yield return Tenants.Request(
                            host: host,
                            path: path,
                            headers: header is null ? [] : [("X-Tenant", header)],
                            user: claim is null ? null : Tenants.User(claim));
                    }
                }
            }
        }
    }
}
