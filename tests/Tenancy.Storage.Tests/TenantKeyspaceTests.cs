using Tenancy.Storage.Keys;

namespace Tenancy.Storage.Tests;

public sealed class TenantKeyspaceTests
{
    [Theory]
    [InlineData("t-acme", "t-acme")]
    [InlineData("T-Acme", "!t-!acme")]
    [InlineData("ACME", "!a!c!m!e")]
    [InlineData("a_1-B", "a_1-!b")]
    public void Tenant_segments_are_lowercase_and_mark_each_uppercase_letter(string tenantId, string segment)
    {
        TenantKeyspace.Segment(tenantId).Should().Be(segment);
        new TenantKeyspace("tenants", 1024).TenantPrefix(tenantId).Should().Be($"tenants/{segment}/");
        TenantKeyspace.TryReadSegment(segment, out var read).Should().BeTrue();
        read.Should().Be(tenantId);
    }

    [Fact]
    public void No_two_tenant_ids_share_a_segment_even_after_case_folding()
    {
        var ids = new[] { "acme", "Acme", "aCme", "ACME", "acmE", "a-cme", "a_cme", "t-acme", "T-acme", "t-Acme", "T-ACME" };
        var segments = ids.Select(TenantKeyspace.Segment).ToList();
        segments.Should().OnlyContain(s => s == s.ToLowerInvariant());
        segments.Select(s => s.ToUpperInvariant()).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public void Every_case_variant_of_an_id_round_trips_and_the_max_length_id_fits()
    {
        var longest = string.Concat(Enumerable.Repeat("Ab", TenantId.MaxLength / 2));
        TenantKeyspace.Segment(longest).Length.Should().Be(TenantId.MaxLength / 2 * 3);
        TenantKeyspace.TryReadSegment(TenantKeyspace.Segment(longest), out var read).Should().BeTrue();
        read.Should().Be(longest);
        var keyspace = new TenantKeyspace("tenants", 1024);
        System.Text.Encoding.UTF8.GetByteCount(keyspace.ObjectPath(longest, new string('k', keyspace.MaxRelativeKeyBytes(longest)))).Should().Be(ObjectKey.MaxUtf8Bytes);
    }

    [Theory]
    [InlineData("T-acme")]
    [InlineData("!")]
    [InlineData("!!a")]
    [InlineData("a!")]
    [InlineData("!1")]
    [InlineData("")]
    [InlineData("a.b")]
    public void Segments_this_class_never_writes_are_not_read_as_tenants(string segment) =>
        TenantKeyspace.TryReadSegment(segment, out _).Should().BeFalse();
}
