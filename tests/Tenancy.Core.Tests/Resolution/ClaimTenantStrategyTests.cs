using System.Security.Claims;
using Tenancy.Core.Tests.Support;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;

namespace Tenancy.Core.Tests.Resolution;

public sealed class ClaimTenantStrategyTests
{
    private readonly ClaimTenantStrategy _strategy = new();

    [Fact]
    public void The_claim_of_an_authenticated_principal_is_an_authoritative_id_candidate()
    {
        var request = Tenants.Request(user: Tenants.User("t-acme"));

        _strategy.IsAuthoritativeFor(request).Should().BeTrue();
        var c = _strategy.GetCandidate(request);
        c.Value.ToString().Should().Be("t-acme");
        c.Kind.Should().Be(TenantKeyKind.Id);
    }

    [Fact]
    public void A_claim_on_an_unauthenticated_identity_is_ignored()
    {
        var request = Tenants.Request(user: Tenants.User("t-acme", authenticated: false));

        _strategy.IsAuthoritativeFor(request).Should().BeFalse();
        _strategy.GetCandidate(request).HasValue.Should().BeFalse();
    }

    [Fact]
    public void No_principal_or_no_claim_gives_no_candidate()
    {
        _strategy.GetCandidate(Tenants.Request()).HasValue.Should().BeFalse();
        _strategy.GetCandidate(Tenants.Request(user: Tenants.User(null))).HasValue.Should().BeFalse();
    }

    [Fact]
    public void Claim_types_match_case_insensitively()
    {
        var request = Tenants.Request(user: Tenants.User("t-acme", claimType: "TID"));
        _strategy.GetCandidate(request).Value.ToString().Should().Be("t-acme");
    }

    [Fact]
    public void Two_different_values_across_authenticated_identities_are_malformed()
    {
        var user = new ClaimsPrincipal([
            new ClaimsIdentity([new Claim("tid", "t-acme")], "Bearer"),
            new ClaimsIdentity([new Claim("tid", "t-globex")], "Cookies"),
        ]);

        _strategy.GetCandidate(Tenants.Request(user: user)).IsMalformed.Should().BeTrue();
    }

    [Fact]
    public void The_same_value_twice_is_one_candidate_and_an_unauthenticated_identity_cannot_add_a_conflict()
    {
        var user = new ClaimsPrincipal([
            new ClaimsIdentity([new Claim("tid", "t-acme"), new Claim("tid", "t-acme")], "Bearer"),
            new ClaimsIdentity([new Claim("tid", "t-globex")]),
        ]);

        var c = _strategy.GetCandidate(Tenants.Request(user: user));
        c.IsMalformed.Should().BeFalse();
        c.Value.ToString().Should().Be("t-acme");
    }

    [Fact]
    public void An_identity_with_custom_claims_enumeration_is_read_too()
    {
        var user = new ClaimsPrincipal(new EnumeratedIdentity([new Claim("tid", "t-acme")]));
        _strategy.GetCandidate(Tenants.Request(user: user)).Value.ToString().Should().Be("t-acme");
    }

    private sealed class EnumeratedIdentity(IEnumerable<Claim> claims) : ClaimsIdentity(claims, "Custom")
    {
        public override IEnumerable<Claim> Claims => base.Claims.Select(c => c);
    }
}
