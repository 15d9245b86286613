using Tenancy.Core.Tests.Support;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;

namespace Tenancy.Core.Tests.Resolution;

public sealed class StaticTenantStrategyTests
{
    [Fact]
    public void Every_request_gets_the_same_default_candidate()
    {
        var c = new StaticTenantStrategy("acme").GetCandidate(Tenants.Request());
        c.Value.ToString().Should().Be("acme");
        c.Mode.Should().Be(TenantCandidateMode.Default);
    }

    [Fact]
    public void A_malformed_identifier_is_refused_at_construction()
    {
        var act = () => new StaticTenantStrategy("Not Valid");
        act.Should().Throw<InvalidTenantIdentifierException>();
    }
}
