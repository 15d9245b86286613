using System.Security.Claims;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;
using Tenancy.Stores;

namespace Tenancy.Security.Tests.Resolution;

/// <summary>
/// Attack: a request names one tenant in one place and another tenant somewhere else (Host: acme…, X-Tenant: globex),
/// hoping that registration order settles it silently. Every pair of sources is tried, in both orders.
/// </summary>
public sealed class DisagreeingSourcesAttackTests
{
    private static readonly TenantInfo Acme = new("t-acme", "acme", "Acme") { Domains = ["acme.test"] };
    private static readonly TenantInfo Globex = new("t-globex", "globex", "Globex") { Domains = ["globex.test"] };
    private static readonly InMemoryTenantStore Store = new([Acme, Globex]);

    /// <summary>The sources, each able to name a tenant in its own place of the request.</summary>
    public static TheoryData<string, string> Pairs()
    {
        string[] sources = ["subdomain", "custom-domain", "header", "path", "query", "claim", "delegate"];
        var data = new TheoryData<string, string>();
        foreach (var a in sources)
        {
            foreach (var b in sources)
            {
                if (a != b && !(IsHost(a) && IsHost(b)))
                {
                    data.Add(a, b);
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Two_sources_naming_different_tenants_are_a_conflict_in_either_order(string first, string second)
    {
        var request = new Builder().Name(first, Acme).Name(second, Globex).Build();

        var result = await Resolver(first, second).ResolveAsync(request);

        result.Outcome.Should().Be(TenantResolutionOutcome.Conflict);
        result.Tenant.Should().BeNull();
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Two_sources_naming_the_same_tenant_in_different_spellings_agree(string first, string second)
    {
        var request = new Builder().Name(first, Acme, alternate: false).Name(second, Acme, alternate: true).Build();

        var result = await Resolver(first, second).ResolveAsync(request);

        result.Outcome.Should().Be(TenantResolutionOutcome.Resolved);
        result.Tenant.Should().BeSameAs(Acme);
    }

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task A_source_naming_an_unknown_tenant_never_lets_another_tenant_in(string first, string second)
    {
        var nobody = new TenantInfo("t-nobody", "nobody", "Nobody");
        var request = new Builder().Name(first, Acme).Name(second, nobody).Build();

        var result = await Resolver(first, second).ResolveAsync(request);

        // With an authenticated tenant, any disagreement fails; without one, an unknown key names no tenant. An unknown
        // host is never a tenant name (it may be the application's own domain).
        if ((first == "claim" || second == "claim") && second != "custom-domain")
        {
            result.Succeeded.Should().BeFalse();
            result.Tenant.Should().BeNull();
        }
        else
        {
            result.Tenant.Should().BeSameAs(Acme);
        }
    }

    [Theory]
    [InlineData("subdomain")]
    [InlineData("header")]
    [InlineData("path")]
    [InlineData("query")]
    [InlineData("delegate")]
    public async Task A_default_tenant_never_overrides_or_conflicts_with_a_source_that_names_one(string source)
    {
        var resolver = new TenantResolver([new StaticTenantStrategy("acme"), Strategy(source)], Store);

        var result = await resolver.ResolveAsync(new Builder().Name(source, Globex).Build());

        result.Outcome.Should().Be(TenantResolutionOutcome.Resolved);
        result.Tenant.Should().BeSameAs(Globex);
    }

    [Fact]
    public async Task First_wins_is_only_the_behaviour_when_chosen_explicitly()
    {
        var request = new Builder().Name("subdomain", Acme).Name("header", Globex).Build();
        var firstWins = new TenantResolver(
            [Strategy("subdomain"), Strategy("header")], Store, Options.Create(new TenancyOptions { RequireAgreementBetweenSources = false }));

        (await Resolver("subdomain", "header").ResolveAsync(request)).Outcome.Should().Be(TenantResolutionOutcome.Conflict);
        (await firstWins.ResolveAsync(request)).Tenant.Should().BeSameAs(Acme);
    }

    [Fact]
    public async Task A_claim_of_an_unauthenticated_identity_does_not_count_as_the_authenticated_tenant()
    {
        var anonymous = new ClaimsIdentity([new Claim("tid", Acme.Id)]); // no authentication type: IsAuthenticated is false
        var signedIn = new ClaimsIdentity([new Claim("sub", "user-1")], "Bearer");
        var request = new TenantRequest
        {
            Headers = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase) { ["X-Tenant"] = "globex" },
            User = new ClaimsPrincipal([signedIn, anonymous]),
        }.ToView();
        var resolver = new TenantResolver([new ClaimTenantStrategy(), new HeaderTenantStrategy("X-Tenant")], Store);

        var result = await resolver.ResolveAsync(request);

        result.Tenant.Should().BeSameAs(Globex, "the unauthenticated identity's claim is not a tenant source at all");
    }

    [Fact]
    public async Task The_store_answering_asynchronously_does_not_change_the_verdict()
    {
        var cached = new CachingTenantStore(new SlowStore(Store));
        var resolver = new TenantResolver([Strategy("subdomain"), Strategy("header")], cached);
        var request = new Builder().Name("subdomain", Acme).Name("header", Globex).Build();

        (await resolver.ResolveAsync(request)).Outcome.Should().Be(TenantResolutionOutcome.Conflict);
        (await resolver.ResolveAsync(request)).Outcome.Should().Be(TenantResolutionOutcome.Conflict);
    }

    private static bool IsHost(string source) => source is "subdomain" or "custom-domain";

    private static TenantResolver Resolver(string first, string second) => new([Strategy(first), Strategy(second)], Store);

    private static ITenantResolutionStrategy Strategy(string source) => source switch
    {
        "subdomain" or "custom-domain" => new HostTenantStrategy("{tenant}.example.com"),
        "header" => new HeaderTenantStrategy("X-Tenant"),
        "path" => new PathTenantStrategy(),
        "query" => new QueryTenantStrategy("tenant-id", TenantKeyKind.Id),
        "claim" => new ClaimTenantStrategy(),
        "delegate" => new DelegateTenantStrategy("org-header", r => r.GetHeader("X-Org").ToString() is { Length: > 0 } v ? v : null),
        _ => throw new ArgumentOutOfRangeException(nameof(source)),
    };

    /// <summary>Builds a request in which each source names a tenant in its own spelling.</summary>
    private sealed class Builder
    {
        private readonly Dictionary<string, StringValues> _headers = new(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, StringValues> _query = new(StringComparer.Ordinal);
        private string _host = "app.example.net";
        private string _path = "/";
        private ClaimsPrincipal? _user;

        public Builder Name(string source, TenantInfo tenant, bool alternate = false)
        {
            switch (source)
            {
                case "subdomain":
                    _host = (alternate ? tenant.Identifier.ToUpperInvariant() : tenant.Identifier) + ".example.com:8443";
                    break;
                case "custom-domain":
                    _host = tenant.Domains.Count > 0 ? (alternate ? tenant.Domains.First().ToUpperInvariant() : tenant.Domains.First()) : tenant.Identifier + ".unknown.test";
                    break;
                case "header":
                    _headers["X-Tenant"] = alternate ? tenant.Identifier.ToUpperInvariant() : tenant.Identifier;
                    break;
                case "path":
                    _path = "/" + (alternate ? tenant.Identifier.ToUpperInvariant() : tenant.Identifier) + "/orders";
                    break;
                case "query":
                    _query["tenant-id"] = tenant.Id;
                    break;
                case "claim":
                    _user = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "user-1"), new Claim("tid", tenant.Id)], "Bearer"));
                    break;
                case "delegate":
                    _headers["X-Org"] = alternate ? tenant.Identifier.ToUpperInvariant() : tenant.Identifier;
                    break;
            }

            return this;
        }

        public TenantRequestView Build() => new TenantRequest { Host = _host, Path = _path, Headers = _headers, Query = _query, User = _user }.ToView();
    }

    /// <summary>A store that can only answer asynchronously, so resolution takes its store-miss path.</summary>
    private sealed class SlowStore(ITenantStore inner) : ITenantStore
    {
        public async ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await inner.FindByIdAsync(id, cancellationToken);
        }

        public async ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await inner.FindByIdentifierAsync(identifier, cancellationToken);
        }

        public async ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            return await inner.FindByDomainAsync(domain, cancellationToken);
        }

        public ValueTask<TenantPage> ListAsync(TenantPageRequest request, CancellationToken cancellationToken = default) => inner.ListAsync(request, cancellationToken);
    }
}
