namespace Tenancy.Core.Tests.Model;

public sealed class TenantInfoTests
{
    [Fact]
    public void A_new_tenant_is_active_with_no_domains_or_properties()
    {
        var tenant = new TenantInfo("t-1", "acme", "Acme");

        tenant.Status.Should().Be(TenantStatus.Active);
        tenant.IsActive.Should().BeTrue();
        tenant.Domains.Should().BeEmpty();
        tenant.Properties.Should().BeEmpty();
    }

    [Theory]
    [InlineData("bad id")]
    [InlineData("t/1")]
    [InlineData("")]
    public void Invalid_ids_cannot_make_a_tenant_and_throw_the_id_exception(string id)
    {
        var act = () => new TenantInfo(id, "acme", "Acme");
        act.Should().Throw<InvalidTenantIdException>().Which.Value.Should().Be(id);
    }

    [Theory]
    [InlineData("Bad Slug")]
    [InlineData("www")]
    [InlineData("..")]
    public void Invalid_identifiers_cannot_make_a_tenant_and_throw_the_identifier_exception(string identifier)
    {
        var act = () => new TenantInfo("t-1", identifier, "Acme");
        act.Should().Throw<InvalidTenantIdentifierException>().Which.Value.Should().Be(identifier);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Acme\nInjected")]
    [InlineData("Acme\u0000")]
    public void Empty_names_and_names_with_control_characters_are_rejected(string name)
    {
        var act = () => new TenantInfo("t-1", "acme", name);
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_name_longer_than_200_characters_is_rejected()
    {
        var act = () => new TenantInfo("t-1", "acme", new string('n', 201));
        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void A_unicode_name_is_kept_as_is()
    {
        new TenantInfo("t-1", "acme", "Ácme Gmbh 😀").Name.Should().Be("Ácme Gmbh 😀");
    }

    [Fact]
    public void Domains_are_validated_lowercased_and_deduplicated()
    {
        var tenant = new TenantInfo("t-1", "acme", "Acme") { Domains = ["ACME.com", "acme.com", "shop.acme.com"] };
        tenant.Domains.Should().Equal("acme.com", "shop.acme.com");

        var act = () => tenant with { Domains = ["acme.com:80"] };
        act.Should().Throw<InvalidTenantIdentifierException>();
    }

    [Fact]
    public void An_undefined_status_is_rejected()
    {
        var act = () => new TenantInfo("t-1", "acme", "Acme") { Status = (TenantStatus)42 };
        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Changing_the_source_collections_afterwards_does_not_change_the_tenant()
    {
        var domains = new List<string> { "acme.com" };
        var properties = new Dictionary<string, string> { ["color"] = "red" };
        var tenant = new TenantInfo("t-1", "acme", "Acme") { Domains = domains, Properties = properties };

        domains.Add("evil.com");
        properties["color"] = "blue";

        tenant.Domains.Should().Equal("acme.com");
        tenant.Properties["color"].Should().Be("red");
    }

    [Fact]
    public void Copies_with_the_same_values_are_equal_and_a_changed_status_is_not()
    {
        var a = new TenantInfo("t-1", "acme", "Acme") { Properties = new Dictionary<string, string> { ["k"] = "v" } };
        var b = new TenantInfo("t-1", "acme", "Acme") { Properties = new Dictionary<string, string> { ["k"] = "v" } };

        a.Should().Be(b);
        a.GetHashCode().Should().Be(b.GetHashCode());
        (a with { Status = TenantStatus.Suspended }).Should().NotBe(a);
        (a with { Properties = new Dictionary<string, string> { ["k"] = "w" } }).Should().NotBe(a);
    }
}
