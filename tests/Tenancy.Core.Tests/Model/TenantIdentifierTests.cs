namespace Tenancy.Core.Tests.Model;

public sealed class TenantIdentifierTests
{
    [Theory]
    [InlineData("acme")]
    [InlineData("a")]
    [InlineData("acme-corp")]
    [InlineData("a1-b2-c3")]
    [InlineData("123")]
    public void Well_formed_slugs_are_accepted(string value) =>
        TenantIdentifier.Validate(value).Should().Be(value);

    [Theory]
    [InlineData("")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("Acme")]
    [InlineData("ac me")]
    [InlineData("ac.me")]
    [InlineData("ac_me")]
    [InlineData("..")]
    [InlineData("../etc")]
    [InlineData("ácme")]
    [InlineData("аcme")]
    [InlineData("acme\0")]
    [InlineData("acme\n")]
    [InlineData("acme\u200b")]
    [InlineData("😀")]
    public void Malformed_slugs_are_rejected_with_a_typed_error(string value)
    {
        var act = () => TenantIdentifier.Validate(value);
        act.Should().Throw<InvalidTenantIdentifierException>().Which.Value.Should().Be(value);
    }

    [Fact]
    public void A_slug_longer_than_a_dns_label_is_rejected()
    {
        TenantIdentifier.IsValid(new string('a', TenantIdentifier.MaxLength)).Should().BeTrue();
        TenantIdentifier.IsValid(new string('a', TenantIdentifier.MaxLength + 1)).Should().BeFalse();
        TenantIdentifier.IsValid(new string('a', 1_000_000)).Should().BeFalse();
    }

    [Theory]
    [InlineData("www")]
    [InlineData("admin")]
    [InlineData("API")]
    [InlineData("localhost")]
    public void Reserved_words_are_refused_in_any_case(string value)
    {
        TenantIdentifier.IsReserved(value).Should().BeTrue();
        var act = () => TenantIdentifier.Validate(value.ToLowerInvariant());
        act.Should().Throw<InvalidTenantIdentifierException>().WithMessage("*reserved*");
    }

    [Fact]
    public void Uppercase_is_accepted_only_when_case_is_ignored()
    {
        TenantIdentifier.IsValid("ACME").Should().BeFalse();
        TenantIdentifier.IsValid("ACME", ignoreCase: true).Should().BeTrue();
    }
}
