using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Tenancy.Core.Tests.Support;
using Tenancy.Events;
using Tenancy.Stores;

namespace Tenancy.Core.Tests.Stores;

public sealed class ConfigurationTenantStoreTests
{
    private readonly MutableConfigurationSource _source = new();
    private readonly IConfigurationRoot _root;
    private readonly TenantChangeNotifier _notifier = new();
    private readonly List<TenantChange> _changes = [];
    private readonly FakeLogger<ConfigurationTenantStore> _logger = new();

    public ConfigurationTenantStoreTests()
    {
        _root = new ConfigurationBuilder().Add(_source).Build();
        _notifier.Subscribe(_changes.Add);
    }

    private static Dictionary<string, string?> TwoTenants() => new()
    {
        ["Tenancy:Tenants:0:Id"] = "t-acme",
        ["Tenancy:Tenants:0:Identifier"] = "acme",
        ["Tenancy:Tenants:0:Name"] = "Acme Ltd",
        ["Tenancy:Tenants:0:Plan"] = "pro",
        ["Tenancy:Tenants:0:Region"] = "eu",
        ["Tenancy:Tenants:0:Domains:0"] = "acme.com",
        ["Tenancy:Tenants:0:Domains:1"] = "Shop.Acme.com",
        ["Tenancy:Tenants:0:Properties:Color"] = "red",
        ["Tenancy:Tenants:1:Id"] = "t-globex",
        ["Tenancy:Tenants:1:Identifier"] = "globex",
        ["Tenancy:Tenants:1:Status"] = "suspended",
    };

    private ConfigurationTenantStore Load(Dictionary<string, string?> data)
    {
        _source.Replace(data);
        return new ConfigurationTenantStore(_root.GetSection("Tenancy:Tenants"), _notifier, _logger);
    }

    [Fact]
    public async Task Tenants_are_read_with_every_field_from_a_list()
    {
        using var store = Load(TwoTenants());

        var acme = await store.FindByIdentifierAsync("acme");
        acme.Should().NotBeNull();
        acme!.Id.Should().Be("t-acme");
        acme.Name.Should().Be("Acme Ltd");
        acme.Plan.Should().Be("pro");
        acme.Region.Should().Be("eu");
        acme.Domains.Should().Equal("acme.com", "shop.acme.com");
        acme.Properties.Should().Contain("Color", "red");
        acme.Status.Should().Be(TenantStatus.Active);
        (await store.FindByIdAsync("t-globex"))!.Status.Should().Be(TenantStatus.Suspended);
        (await store.FindByIdAsync("t-globex"))!.Name.Should().Be("globex");
        (await store.FindByDomainAsync("shop.acme.com")).Should().BeSameAs(acme);
    }

    [Fact]
    public async Task In_the_dictionary_form_the_key_is_the_identifier()
    {
        using var store = Load(new Dictionary<string, string?>
        {
            ["Tenancy:Tenants:acme:Id"] = "t-acme",
            ["Tenancy:Tenants:acme:Name"] = "Acme",
        });

        (await store.FindByIdentifierAsync("acme"))!.Id.Should().Be("t-acme");
    }

    [Theory]
    [InlineData("Tenancy:Tenants:1:Identifier", "acme", "identifier 'acme' is used twice")]
    [InlineData("Tenancy:Tenants:1:Id", "t-acme", "id 't-acme' is used twice")]
    [InlineData("Tenancy:Tenants:1:Domains:0", "ACME.com", "domain 'acme.com' is used twice")]
    [InlineData("Tenancy:Tenants:1:Identifier", "Not A Slug", "identifier")]
    [InlineData("Tenancy:Tenants:1:Identifier", "www", "reserved")]
    [InlineData("Tenancy:Tenants:1:Status", "Deleted", "not a tenant status")]
    [InlineData("Tenancy:Tenants:1:Status", "7", "not a tenant status")]
    [InlineData("Tenancy:Tenants:1:Domains:0", "evil.com/../x", "domain")]
    public void Invalid_configuration_fails_at_construction_with_a_clear_message(string key, string value, string expected)
    {
        var data = TwoTenants();
        data[key] = value;

        var act = () => Load(data);

        act.Should().Throw<TenancyConfigurationException>().WithMessage($"*Tenancy:Tenants*{expected}*");
    }

    [Fact]
    public void A_tenant_without_an_id_is_invalid()
    {
        var act = () => Load(new Dictionary<string, string?> { ["Tenancy:Tenants:0:Identifier"] = "acme" });
        act.Should().Throw<TenancyConfigurationException>().WithMessage("*'Id' is missing*");
    }

    [Fact]
    public async Task A_reload_replaces_the_tenants_and_publishes_the_differences()
    {
        using var store = Load(TwoTenants());
        var next = TwoTenants();
        next["Tenancy:Tenants:0:Status"] = "Suspended";
        next.Remove("Tenancy:Tenants:1:Id");
        next.Remove("Tenancy:Tenants:1:Identifier");
        next.Remove("Tenancy:Tenants:1:Status");
        next["Tenancy:Tenants:1:Id"] = "t-initech";
        next["Tenancy:Tenants:1:Identifier"] = "initech";

        _source.Replace(next);

        (await store.FindByIdentifierAsync("acme"))!.Status.Should().Be(TenantStatus.Suspended);
        (await store.FindByIdentifierAsync("globex")).Should().BeNull();
        (await store.FindByIdentifierAsync("initech")).Should().NotBeNull();
        _changes.Select(c => (c.Kind, c.TenantId)).Should().BeEquivalentTo(new[]
        {
            (TenantChangeKind.Updated, "t-acme"),
            (TenantChangeKind.Removed, "t-globex"),
            (TenantChangeKind.Added, "t-initech"),
        });
    }

    [Fact]
    public async Task An_invalid_reload_keeps_the_previous_tenants_and_logs_an_error()
    {
        using var store = Load(TwoTenants());
        var broken = TwoTenants();
        broken["Tenancy:Tenants:1:Identifier"] = "acme";
        broken["Tenancy:Tenants:0:Status"] = "Suspended";

        _source.Replace(broken);

        (await store.FindByIdentifierAsync("acme"))!.Status.Should().Be(TenantStatus.Active);
        (await store.FindByIdentifierAsync("globex")).Should().NotBeNull();
        _changes.Should().BeEmpty();
        _logger.Collector.GetSnapshot().Should().Contain(r => r.Level == LogLevel.Error && r.Message.Contains("used twice", StringComparison.Ordinal));

        // A later valid reload is applied again.
        _source.Replace(TwoTenants());
        _changes.Should().BeEmpty("the valid configuration is the same as the tenants already loaded");
    }

    [Fact]
    public async Task The_store_stops_following_configuration_once_disposed()
    {
        var store = Load(TwoTenants());
        store.Dispose();
        _source.Replace(new Dictionary<string, string?>());

        (await store.FindByIdentifierAsync("acme")).Should().NotBeNull();
    }

    [Fact]
    public void An_empty_section_is_an_empty_store()
    {
        using var store = Load([]);
        store.Count.Should().Be(0);
    }
}
