using Microsoft.Extensions.Primitives;
using Tenancy.Core.Tests.Support;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;

namespace Tenancy.Core.Tests.Resolution;

public sealed class HeaderTenantStrategyTests
{
    private readonly HeaderTenantStrategy _strategy = new();

    [Fact]
    public void The_header_value_is_the_candidate_trimmed_of_spaces()
    {
        var c = _strategy.GetCandidate(Tenants.Header(" acme "));
        c.HasValue.Should().BeTrue();
        c.IsMalformed.Should().BeFalse();
        c.Value.ToString().Should().Be("acme");
        c.Kind.Should().Be(TenantKeyKind.Identifier);
    }

    [Fact]
    public void Header_names_are_case_insensitive_and_a_missing_header_gives_no_candidate()
    {
        _strategy.GetCandidate(Tenants.Header("acme", "x-tenant")).HasValue.Should().BeTrue();
        _strategy.GetCandidate(Tenants.Request()).HasValue.Should().BeFalse();
    }

    [Fact]
    public void A_repeated_header_is_malformed_even_when_the_values_agree()
    {
        _strategy.GetCandidate(Tenants.Header(new StringValues(["acme", "acme"]))).IsMalformed.Should().BeTrue();
        _strategy.GetCandidate(Tenants.Header(new StringValues(["acme", "globex"]))).IsMalformed.Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_header_is_malformed(string value) =>
        _strategy.GetCandidate(Tenants.Header(value)).IsMalformed.Should().BeTrue();

    [Fact]
    public void An_over_long_header_is_malformed() =>
        _strategy.GetCandidate(Tenants.Header(new string('a', 10_000))).IsMalformed.Should().BeTrue();

    [Fact]
    public void The_header_can_carry_an_id()
    {
        var strategy = new HeaderTenantStrategy("X-Tenant-ID", TenantKeyKind.Id);
        strategy.GetCandidate(Tenants.Header("t-acme", "X-Tenant-ID")).Kind.Should().Be(TenantKeyKind.Id);
    }
}
