using System.Text;
using Tenancy.Core.Tests.Support;
using Tenancy.Events;

namespace Tenancy.Core.Tests.Events;

public sealed class TenantChangeCodecTests
{
    [Fact]
    public void A_change_travels_with_its_origin_kind_id_and_every_key_before_and_after()
    {
        var renamed = Tenants.Acme with { Identifier = "acme-two", Domains = ["shop.acme.com"] };
        var payload = TenantChangeCodec.Encode(new TenantChange(TenantChangeKind.Updated, "t-acme", Tenants.Acme, renamed), "instance-a");

        TenantChangeCodec.TryDecode(payload, out var change).Should().BeTrue();

        change!.Kind.Should().Be(TenantChangeKind.Updated);
        change.TenantId.Should().Be("t-acme");
        change.Origin.Should().Be("instance-a");
        change.IsRemote.Should().BeTrue();
        change.Previous.Should().BeNull("the tenant's name, plan and properties never travel");
        change.Keys.Should().BeEquivalentTo("acme", "acme.com", "acme-two", "shop.acme.com");
    }

    [Fact]
    public void The_payload_carries_no_name_plan_or_properties()
    {
        var tenant = Tenants.Acme with { Properties = new Dictionary<string, string> { ["secret-ish"] = "s3cr3t" } };
        var json = Encoding.UTF8.GetString(TenantChangeCodec.Encode(new TenantChange(TenantChangeKind.Updated, tenant.Id, null, tenant), "a"));

        json.Should().NotContain("s3cr3t").And.NotContain("Acme Ltd").And.NotContain("pro");
    }

    [Fact]
    public void A_reset_round_trips_as_a_reset_for_all_tenants()
    {
        TenantChangeCodec.TryDecode(TenantChangeCodec.Encode(TenantChange.Reset(), "b"), out var change).Should().BeTrue();

        change!.Kind.Should().Be(TenantChangeKind.Reset);
        change.TenantId.Should().Be(TenantChange.AllTenants);
        change.Origin.Should().Be("b");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"v\":2,\"o\":\"a\",\"k\":1,\"t\":\"t-acme\"}")]
    [InlineData("{\"v\":1,\"k\":1,\"t\":\"t-acme\"}")]
    [InlineData("{\"v\":1,\"o\":\"a\",\"k\":9,\"t\":\"t-acme\"}")]
    [InlineData("{\"v\":1,\"o\":\"a\",\"k\":1,\"t\":\"../etc\"}")]
    [InlineData("{\"v\":1,\"o\":\"a\",\"k\":1,\"t\":\"*\"}")]
    [InlineData("{\"v\":1,\"o\":\"a\",\"k\":\"1\",\"t\":\"t-acme\"}")]
    public void Malformed_payloads_are_refused(string json)
    {
        TenantChangeCodec.TryDecode(Encoding.UTF8.GetBytes(json), out var change).Should().BeFalse();
        change.Should().BeNull();
    }
}
