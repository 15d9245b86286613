using Tenancy.Core.Tests.Support;
using Tenancy.Resolution.Strategies;

namespace Tenancy.Core.Tests.Resolution;

public sealed class DelegateTenantStrategyTests
{
    [Fact]
    public void The_delegates_answer_is_the_candidate_and_null_means_none()
    {
        new DelegateTenantStrategy("custom", r => r.Host.ToString()).GetCandidate(Tenants.Request(host: "acme")).Value.ToString().Should().Be("acme");
        new DelegateTenantStrategy("custom", _ => null).GetCandidate(Tenants.Request()).HasValue.Should().BeFalse();
    }

    [Fact]
    public void A_throwing_delegate_makes_the_request_malformed_instead_of_failing()
    {
        var strategy = new DelegateTenantStrategy("custom", _ => throw new InvalidOperationException("boom"));
        strategy.GetCandidate(Tenants.Request()).IsMalformed.Should().BeTrue();
    }
}
