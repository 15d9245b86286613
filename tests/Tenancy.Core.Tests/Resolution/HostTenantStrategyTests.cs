using Tenancy.Core.Tests.Support;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;

namespace Tenancy.Core.Tests.Resolution;

public sealed class HostTenantStrategyTests
{
    private readonly HostTenantStrategy _strategy = new("{tenant}.example.com");

    private (bool HasValue, bool Malformed, TenantKeyKind Kind, string Value, TenantCandidateMode Mode) Candidate(string host)
    {
        var c = _strategy.GetCandidate(Tenants.Request(host: host));
        return (c.HasValue, c.IsMalformed, c.Kind, c.Value.ToString(), c.Mode);
    }

    [Theory]
    [InlineData("acme.example.com", "acme")]
    [InlineData("ACME.Example.COM", "ACME")]
    [InlineData("acme.example.com:8443", "acme")]
    [InlineData("acme.example.com.", "acme")]
    public void A_subdomain_of_the_template_names_a_tenant_by_identifier(string host, string expected)
    {
        var c = Candidate(host);
        c.Should().Be((true, false, TenantKeyKind.Identifier, expected, TenantCandidateMode.Required));
    }

    [Theory]
    [InlineData("shop.acme.com")]
    [InlineData("acme.com:443")]
    [InlineData("acme.example.com.evil.net")]
    public void Any_other_host_is_tried_as_a_custom_domain_only_if_known(string host)
    {
        var c = Candidate(host);
        c.HasValue.Should().BeTrue();
        c.Kind.Should().Be(TenantKeyKind.Domain);
        c.Mode.Should().Be(TenantCandidateMode.IfKnown);
    }

    [Theory]
    [InlineData("")]
    [InlineData("www.example.com")]
    [InlineData("a.b.example.com")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:5000")]
    [InlineData("[::1]:5000")]
    public void Hosts_that_name_no_tenant_give_no_candidate(string host)
    {
        Candidate(host).HasValue.Should().BeFalse();
    }

    [Fact]
    public void Custom_domains_can_be_turned_off()
    {
        var strategy = new HostTenantStrategy("{tenant}.example.com", customDomains: false);
        strategy.GetCandidate(Tenants.Request(host: "acme.com")).HasValue.Should().BeFalse();
    }

    [Theory]
    [InlineData("acme.example.com:")]
    [InlineData("acme.example.com:99999999")]
    [InlineData("acme.example.com:80x")]
    [InlineData("acme\r\n.example.com")]
    [InlineData("ac me.example.com")]
    [InlineData("../example.com")]
    [InlineData("acme..example.com")]
    [InlineData("ácme.example.com")]
    [InlineData("acme.example.com/evil")]
    public void Malformed_hosts_are_rejected(string host) => Candidate(host).Malformed.Should().BeTrue();

    [Fact]
    public void A_huge_host_is_rejected_without_being_parsed()
    {
        Candidate(new string('a', 1_000_000)).Malformed.Should().BeTrue();
    }

    [Theory]
    [InlineData("example.com")]
    [InlineData("{tenant}.{tenant}.example.com")]
    [InlineData("app.{tenant}.example.com")]
    [InlineData("{tenant}-app.example.com")]
    [InlineData("{tenant}.exa mple.com")]
    public void Templates_without_exactly_one_whole_tenant_label_are_refused(string template)
    {
        var act = () => new HostTenantStrategy(template);
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void The_strategy_is_never_authoritative() =>
        _strategy.IsAuthoritativeFor(Tenants.Request(host: "acme.example.com")).Should().BeFalse();
}
