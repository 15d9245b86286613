using Microsoft.Extensions.Primitives;
using Tenancy.Core.Tests.Support;
using Tenancy.Resolution.Strategies;

namespace Tenancy.Core.Tests.Resolution;

public sealed class QueryTenantStrategyTests
{
    private readonly QueryTenantStrategy _strategy = new();

    [Fact]
    public void The_parameter_value_is_the_candidate() =>
        _strategy.GetCandidate(Tenants.Request(query: [("tenant", "acme")])).Value.ToString().Should().Be("acme");

    [Fact]
    public void A_repeated_parameter_is_malformed() =>
        _strategy.GetCandidate(Tenants.Request(query: [("tenant", new StringValues(["acme", "globex"]))])).IsMalformed.Should().BeTrue();

    [Fact]
    public void A_missing_parameter_gives_no_candidate() =>
        _strategy.GetCandidate(Tenants.Request(query: [("other", "acme")])).HasValue.Should().BeFalse();
}
