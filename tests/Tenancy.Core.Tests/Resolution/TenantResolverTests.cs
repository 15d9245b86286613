using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Tenancy.Core.Tests.Support;
using Tenancy.Events;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;
using Tenancy.Stores;

namespace Tenancy.Core.Tests.Resolution;

public sealed class TenantResolverTests
{
    private static readonly InMemoryTenantStore Store = new(Tenants.All);

    private static TenantResolver Resolver(ITenantStore store, TenancyOptions? options = null, IEnumerable<TenantResolutionObserver>? observers = null, params ITenantResolutionStrategy[] strategies) =>
        new(strategies, store, options is null ? null : Options.Create(options), observers);

    private static TenantResolver Resolver(params ITenantResolutionStrategy[] strategies) => Resolver(Store, null, null, strategies);

    private static readonly HostTenantStrategy Host = new("{tenant}.example.com");
    private static readonly HeaderTenantStrategy Header = new();
    private static readonly PathTenantStrategy Path = new();
    private static readonly ClaimTenantStrategy Claim = new();

    [Fact]
    public async Task Two_anonymous_strategies_that_name_different_tenants_are_a_conflict()
    {
        var resolver = Resolver(Host, Header);

        var result = await resolver.ResolveAsync(Tenants.Request(host: "acme.example.com", headers: [("X-Tenant", "globex")]));

        result.Outcome.Should().Be(TenantResolutionOutcome.Conflict);
        result.Tenant.Should().BeNull();
        result.StrategyName.Should().Be("header");
        result.Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task Two_anonymous_strategies_that_name_the_same_tenant_resolve_it_with_the_first_strategy()
    {
        var resolver = Resolver(Host, Header);

        var result = await resolver.ResolveAsync(Tenants.Request(host: "ACME.example.com", headers: [("X-Tenant", "t-acme")]));

        result.Outcome.Should().Be(TenantResolutionOutcome.Resolved);
        result.Tenant.Should().BeSameAs(Tenants.Acme);
        result.StrategyName.Should().Be("host");
    }

    [Fact]
    public async Task A_later_source_naming_an_unknown_tenant_cannot_outvote_the_first_that_names_a_real_tenant()
    {
        var resolver = Resolver(Host, Header);

        var result = await resolver.ResolveAsync(Tenants.Request(host: "acme.example.com", headers: [("X-Tenant", "nobody")]));

        result.Tenant.Should().BeSameAs(Tenants.Acme);
    }

    [Fact]
    public async Task Sources_that_all_name_unknown_tenants_end_as_not_found()
    {
        var resolver = Resolver(Host, Header);

        var result = await resolver.ResolveAsync(Tenants.Request(host: "nobody.example.com", headers: [("X-Tenant", "noone")]));

        result.Outcome.Should().Be(TenantResolutionOutcome.NotFound);
        result.StrategyName.Should().Be("host");
    }

    [Fact]
    public async Task With_first_wins_chosen_the_first_strategy_that_names_a_tenant_decides()
    {
        var resolver = Resolver(Store, new TenancyOptions { RequireAgreementBetweenSources = false }, null, Host, Header);

        var result = await resolver.ResolveAsync(Tenants.Request(host: "acme.example.com", headers: [("X-Tenant", "globex")]));

        result.Outcome.Should().Be(TenantResolutionOutcome.Resolved);
        result.Tenant.Should().BeSameAs(Tenants.Acme);
        result.StrategyName.Should().Be("host");
    }

    [Fact]
    public async Task Strategies_that_find_nothing_fall_through_to_the_next()
    {
        var resolver = Resolver(Host, Header, Path);

        var result = await resolver.ResolveAsync(Tenants.Request(host: "localhost:5000", path: "/globex/orders"));

        result.Tenant.Should().BeSameAs(Tenants.Globex);
        result.StrategyName.Should().Be("path");
    }

    [Fact]
    public async Task A_known_custom_domain_resolves_and_an_unknown_one_falls_through()
    {
        var resolver = Resolver(Host, Header);

        (await resolver.ResolveAsync(Tenants.Request(host: "ACME.com"))).Tenant.Should().BeSameAs(Tenants.Acme);
        var fallthrough = await resolver.ResolveAsync(Tenants.Request(host: "unknown.example.org", headers: [("X-Tenant", "globex")]));
        fallthrough.Tenant.Should().BeSameAs(Tenants.Globex);
        fallthrough.StrategyName.Should().Be("header");
    }

    [Fact]
    public async Task An_unknown_subdomain_is_not_found_and_does_not_fall_through()
    {
        var resolver = Resolver(Host, Header);

        var result = await resolver.ResolveAsync(Tenants.Request(host: "nobody.example.com", headers: [("X-Tenant", "globex")]));

        result.Outcome.Should().Be(TenantResolutionOutcome.NotFound);
        result.Tenant.Should().BeNull();
        result.StrategyName.Should().Be("host");
    }

    [Fact]
    public async Task A_request_that_names_no_tenant_is_not_resolved()
    {
        var result = await Resolver(Host, Header, Claim).ResolveAsync(Tenants.Request(host: "localhost"));

        result.Outcome.Should().Be(TenantResolutionOutcome.NotResolved);
        result.Strategy.Should().BeNull();
        result.Detail.Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Header_that_disagrees_with_claim_is_rejected_as_a_conflict()
    {
        var resolver = Resolver(Header, Claim);

        var result = await resolver.ResolveAsync(Tenants.Request(headers: [("X-Tenant", "globex")], user: Tenants.User("t-acme")));

        result.Outcome.Should().Be(TenantResolutionOutcome.Conflict);
        result.Tenant.Should().BeNull();
        result.StrategyName.Should().Be("header");
    }

    [Fact]
    public async Task A_header_naming_an_unknown_tenant_next_to_a_claim_is_a_conflict_too()
    {
        var result = await Resolver(Claim, Header).ResolveAsync(Tenants.Request(headers: [("X-Tenant", "nobody")], user: Tenants.User("t-acme")));
        result.Outcome.Should().Be(TenantResolutionOutcome.Conflict);
    }

    [Fact]
    public async Task Host_path_and_query_that_disagree_with_the_claim_are_rejected()
    {
        var resolver = Resolver(Host, Path, new QueryTenantStrategy(), Claim);
        var user = Tenants.User("t-acme");

        (await resolver.ResolveAsync(Tenants.Request(host: "globex.example.com", user: user))).Outcome.Should().Be(TenantResolutionOutcome.Conflict);
        (await resolver.ResolveAsync(Tenants.Request(host: "globex.io", user: user))).Outcome.Should().Be(TenantResolutionOutcome.Conflict);
        (await resolver.ResolveAsync(Tenants.Request(path: "/globex", user: user))).Outcome.Should().Be(TenantResolutionOutcome.Conflict);
        (await resolver.ResolveAsync(Tenants.Request(query: [("tenant", "globex")], user: user))).Outcome.Should().Be(TenantResolutionOutcome.Conflict);
    }

    [Fact]
    public async Task The_claim_wins_wherever_it_is_registered_when_every_other_strategy_agrees()
    {
        var resolver = Resolver(Host, Header, Claim);

        var result = await resolver.ResolveAsync(Tenants.Request(host: "acme.com", headers: [("X-Tenant", "ACME")], user: Tenants.User("t-acme")));

        result.Outcome.Should().Be(TenantResolutionOutcome.Resolved);
        result.Tenant.Should().BeSameAs(Tenants.Acme);
        result.StrategyName.Should().Be("claim");
    }

    [Fact]
    public async Task The_claim_alone_resolves_and_an_unknown_custom_domain_does_not_conflict_with_it()
    {
        var result = await Resolver(Host, Claim).ResolveAsync(Tenants.Request(host: "unknown.example.org", user: Tenants.User("t-globex")));
        result.Tenant.Should().BeSameAs(Tenants.Globex);
    }

    [Fact]
    public async Task A_claim_on_an_unauthenticated_identity_is_ignored()
    {
        var result = await Resolver(Claim, Header).ResolveAsync(Tenants.Request(headers: [("X-Tenant", "globex")], user: Tenants.User("t-acme", authenticated: false)));

        result.Outcome.Should().Be(TenantResolutionOutcome.Resolved);
        result.Tenant.Should().BeSameAs(Tenants.Globex);
    }

    [Fact]
    public async Task A_claim_naming_an_unknown_tenant_is_not_found_even_when_a_header_names_a_real_one()
    {
        var result = await Resolver(Header, Claim).ResolveAsync(Tenants.Request(headers: [("X-Tenant", "globex")], user: Tenants.User("t-nobody")));

        result.Outcome.Should().Be(TenantResolutionOutcome.NotFound);
        result.StrategyName.Should().Be("claim");
    }

    [Fact]
    public async Task A_malformed_claim_is_an_invalid_identifier()
    {
        var result = await Resolver(Claim).ResolveAsync(Tenants.Request(user: Tenants.User("t acme; drop")));
        result.Outcome.Should().Be(TenantResolutionOutcome.InvalidIdentifier);
    }

    [Fact]
    public async Task Without_the_agreement_rule_the_first_strategy_wins_even_against_the_claim()
    {
        var resolver = Resolver(Store, new TenancyOptions { RequireAgreementWithAuthenticatedTenant = false, RequireAgreementBetweenSources = false }, null, Header, Claim);

        var result = await resolver.ResolveAsync(Tenants.Request(headers: [("X-Tenant", "globex")], user: Tenants.User("t-acme")));

        result.Tenant.Should().BeSameAs(Tenants.Globex);
    }

    [Fact]
    public async Task A_default_tenant_applies_only_when_nothing_else_names_one_wherever_it_is_registered()
    {
        var resolver = Resolver(new StaticTenantStrategy("acme"), Header, Claim);

        (await resolver.ResolveAsync(Tenants.Request())).Tenant.Should().BeSameAs(Tenants.Acme);
        (await resolver.ResolveAsync(Tenants.Request(headers: [("X-Tenant", "globex")]))).Tenant.Should().BeSameAs(Tenants.Globex);
        (await resolver.ResolveAsync(Tenants.Request(user: Tenants.User("t-globex")))).Tenant.Should().BeSameAs(Tenants.Globex);
        (await resolver.ResolveAsync(Tenants.Request(headers: [("X-Tenant", "nobody")]))).Outcome.Should().Be(TenantResolutionOutcome.NotFound);
    }

    [Theory]
    [InlineData("initech", TenantStatus.Suspended)]
    [InlineData("umbrella", TenantStatus.Archived)]
    [InlineData("hooli", TenantStatus.Pending)]
    public async Task Tenants_that_are_not_active_are_rejected_as_inactive(string identifier, TenantStatus status)
    {
        var result = await Resolver(Header).ResolveAsync(Tenants.Header(identifier));

        result.Outcome.Should().Be(TenantResolutionOutcome.Inactive);
        result.Tenant!.Status.Should().Be(status);
        result.Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task A_claim_for_a_suspended_tenant_is_inactive()
    {
        var result = await Resolver(Claim).ResolveAsync(Tenants.Request(user: Tenants.User("t-initech")));
        result.Outcome.Should().Be(TenantResolutionOutcome.Inactive);
    }

    [Fact]
    public async Task Inactive_tenants_resolve_when_rejection_is_turned_off()
    {
        var resolver = Resolver(Store, new TenancyOptions { RejectInactiveTenants = false }, null, Header);
        (await resolver.ResolveAsync(Tenants.Header("initech"))).Outcome.Should().Be(TenantResolutionOutcome.Resolved);
    }

    [Theory]
    [InlineData("www")]
    [InlineData("admin")]
    [InlineData("-acme")]
    [InlineData("ac_me")]
    public async Task Reserved_and_malformed_identifiers_are_invalid(string value) =>
        (await Resolver(Header).ResolveAsync(Tenants.Header(value))).Outcome.Should().Be(TenantResolutionOutcome.InvalidIdentifier);

    [Fact]
    public async Task Application_reserved_identifiers_are_invalid_too()
    {
        var options = new TenancyOptions();
        options.ReservedIdentifiers.Add("blog");
        var resolver = Resolver(Store, options, null, Path);

        (await resolver.ResolveAsync(Tenants.Request(path: "/BLOG/post-1"))).Outcome.Should().Be(TenantResolutionOutcome.InvalidIdentifier);
        (await resolver.ResolveAsync(Tenants.Request(path: "/acme/post-1"))).Outcome.Should().Be(TenantResolutionOutcome.Resolved);
    }

    [Fact]
    public async Task A_repeated_header_is_an_invalid_identifier_and_stops_resolution()
    {
        var resolver = Resolver(Header, Path);
        var result = await resolver.ResolveAsync(Tenants.Request(path: "/acme", headers: [("X-Tenant", new StringValues(["acme", "globex"]))]));

        result.Outcome.Should().Be(TenantResolutionOutcome.InvalidIdentifier);
        result.Tenant.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Tenants.HostileValues), MemberType = typeof(Tenants))]
    public async Task Hostile_hosts_never_throw_and_never_name_a_tenant(string host)
    {
        var result = await Resolver(Host, Claim).ResolveAsync(Tenants.Request(host: host));

        result.Outcome.Should().BeOneOf(TenantResolutionOutcome.InvalidIdentifier, TenantResolutionOutcome.NotResolved);
        result.Tenant.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Tenants.HostileValues), MemberType = typeof(Tenants))]
    public async Task Hostile_headers_paths_and_claims_never_throw_and_never_name_a_tenant(string value)
    {
        var resolver = Resolver(Header, Path, Claim);

        foreach (var request in new[]
        {
            Tenants.Header(value),
            Tenants.Request(path: "/" + value),
            Tenants.Request(user: Tenants.User(value)),
        })
        {
            var result = await resolver.ResolveAsync(request);
            result.Outcome.Should().BeOneOf(TenantResolutionOutcome.InvalidIdentifier, TenantResolutionOutcome.NotResolved, TenantResolutionOutcome.NotFound);
            result.Tenant.Should().BeNull();
        }
    }

    [Fact]
    public async Task A_store_without_span_lookups_is_asked_asynchronously()
    {
        var store = new CountingStore(Tenants.Acme);
        var resolver = Resolver(store, null, null, Header, Claim);

        (await resolver.ResolveAsync(Tenants.Header("acme"))).Tenant.Should().BeSameAs(Tenants.Acme);
        (await resolver.ResolveAsync(Tenants.Request(user: Tenants.User("t-acme")))).Tenant.Should().BeSameAs(Tenants.Acme);
        (await resolver.ResolveAsync(Tenants.Header("nobody"))).Outcome.Should().Be(TenantResolutionOutcome.NotFound);
        store.Lookups.Should().Be(3);
    }

    [Fact]
    public async Task Many_parallel_resolutions_for_different_tenants_each_get_their_own_tenant()
    {
        var tenants = Enumerable.Range(0, 100).Select(Tenants.Numbered).ToArray();
        var resolver = Resolver(new CachingTenantStore(new CountingStore(tenants)), null, null, Claim, Header);
        var wrong = 0;

        await Parallel.ForEachAsync(Enumerable.Range(0, 5_000), async (i, _) =>
        {
            var tenant = tenants[i % tenants.Length];
            var request = i % 2 == 0
                ? Tenants.Header(tenant.Identifier)
                : Tenants.Request(headers: [("X-Tenant", tenant.Identifier)], user: Tenants.User(tenant.Id));
            var result = await resolver.ResolveAsync(request);
            if (!ReferenceEquals(result.Tenant, tenant))
            {
                Interlocked.Increment(ref wrong);
            }
        });

        wrong.Should().Be(0);
    }

    [Fact]
    public async Task Observers_hear_about_resolved_not_found_and_rejected_requests_and_cannot_break_resolution()
    {
        var observer = new RecordingObserver();
        var resolver = Resolver(Store, null, [new ThrowingObserver(), observer], Header, Claim);

        await resolver.ResolveAsync(Tenants.Header("acme"));
        await resolver.ResolveAsync(Tenants.Header("nobody"));
        await resolver.ResolveAsync(Tenants.Request());
        await resolver.ResolveAsync(Tenants.Header("www"));
        await resolver.ResolveAsync(Tenants.Header("initech"));
        var conflict = await resolver.ResolveAsync(Tenants.Request(headers: [("X-Tenant", "globex")], user: Tenants.User("t-acme")));

        conflict.Outcome.Should().Be(TenantResolutionOutcome.Conflict);
        observer.Calls.Should().Equal(
            "resolved:Resolved",
            "not-found:NotFound",
            "not-found:NotResolved",
            "rejected:InvalidIdentifier",
            "rejected:Inactive",
            "rejected:Conflict");
    }

    private sealed class RecordingObserver : TenantResolutionObserver
    {
        public List<string> Calls { get; } = [];

        public override ValueTask OnResolvedAsync(TenantResolutionResult result, CancellationToken cancellationToken) => Record("resolved", result);

        public override ValueTask OnNotFoundAsync(TenantResolutionResult result, CancellationToken cancellationToken) => Record("not-found", result);

        public override ValueTask OnRejectedAsync(TenantResolutionResult result, CancellationToken cancellationToken) => Record("rejected", result);

        private ValueTask Record(string hook, TenantResolutionResult result)
        {
            Calls.Add($"{hook}:{result.Outcome}");
            return ValueTask.CompletedTask;
        }
    }

    private sealed class ThrowingObserver : TenantResolutionObserver
    {
        public override ValueTask OnResolvedAsync(TenantResolutionResult result, CancellationToken cancellationToken) => throw new InvalidOperationException("observer bug");

        public override ValueTask OnRejectedAsync(TenantResolutionResult result, CancellationToken cancellationToken) => ValueTask.FromException(new InvalidOperationException("async observer bug"));
    }
}
