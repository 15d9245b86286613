namespace Tenancy.Core.Tests.Model;

public sealed class TenantIdTests
{
    [Theory]
    [InlineData("t-1")]
    [InlineData("T_1")]
    [InlineData("6b1f8f0e-8d7a-4a8b-9c39-0f6a3f3e2b11")]
    public void Ids_of_letters_digits_hyphens_and_underscores_are_accepted(string value) =>
        TenantId.Validate(value).Should().Be(value);

    [Theory]
    [InlineData("")]
    [InlineData("t 1")]
    [InlineData("t/1")]
    [InlineData("t.1")]
    [InlineData("..")]
    [InlineData("t-1'; DROP TABLE x;--")]
    [InlineData("t\u00001")]
    [InlineData("tÉ")]
    public void Ids_with_other_characters_are_rejected(string value)
    {
        var act = () => TenantId.Validate(value);
        act.Should().Throw<InvalidTenantIdException>();
    }

    [Fact]
    public void Ids_longer_than_the_limit_are_rejected()
    {
        TenantId.IsValid(new string('a', TenantId.MaxLength)).Should().BeTrue();
        TenantId.IsValid(new string('a', TenantId.MaxLength + 1)).Should().BeFalse();
    }

    [Fact]
    public void A_null_id_is_an_argument_error()
    {
        var act = () => TenantId.Validate(null!);
        act.Should().Throw<ArgumentNullException>();
    }
}
