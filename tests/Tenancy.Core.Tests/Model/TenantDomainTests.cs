namespace Tenancy.Core.Tests.Model;

public sealed class TenantDomainTests
{
    [Theory]
    [InlineData("acme.com", "acme.com")]
    [InlineData("Shop.ACME.com", "shop.acme.com")]
    [InlineData("a-b.c-d.example", "a-b.c-d.example")]
    [InlineData("xn--bcher-kva.example", "xn--bcher-kva.example")]
    public void Host_names_are_accepted_and_lowercased(string value, string expected) =>
        TenantDomain.Normalize(value).Should().Be(expected);

    [Theory]
    [InlineData("")]
    [InlineData("acme.com.")]
    [InlineData(".acme.com")]
    [InlineData("acme..com")]
    [InlineData("acme.com:443")]
    [InlineData("-acme.com")]
    [InlineData("acme-.com")]
    [InlineData("ac me.com")]
    [InlineData("acme.com/path")]
    [InlineData("bücher.example")]
    [InlineData("acme.com\r\n")]
    [InlineData("..")]
    public void Malformed_host_names_are_rejected(string value)
    {
        var act = () => TenantDomain.Normalize(value);
        act.Should().Throw<InvalidTenantIdentifierException>();
    }

    [Fact]
    public void Labels_and_names_over_the_dns_limits_are_rejected()
    {
        TenantDomain.IsValid(new string('a', 63) + ".com").Should().BeTrue();
        TenantDomain.IsValid(new string('a', 64) + ".com").Should().BeFalse();
        TenantDomain.IsValid(string.Join('.', Enumerable.Repeat(new string('a', 50), 6))).Should().BeFalse();
        TenantDomain.IsValid(new string('a', 1_000_000)).Should().BeFalse();
    }
}
