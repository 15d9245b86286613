using System.Net;
using System.Security.Claims;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.RateLimiting;
using Tenancy.AspNetCore.Tests.Infrastructure;

namespace Tenancy.AspNetCore.Tests;

/// <summary>How the rate limiter tells callers apart (its allocation budget: tests/Tenancy.Allocation.Tests).</summary>
public sealed class RateLimitPartitionKeyTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1", true)]
    [InlineData("192.0.2.1", "192.0.2.2", false)]
    [InlineData("192.0.2.1", "::ffff:192.0.2.1", true)]
    [InlineData("2001:db8:1:1::1", "2001:db8:1:1:aaaa::9", true)]
    [InlineData("2001:db8:1:1::1", "2001:db8:1:2::1", false)]
    [InlineData("0.0.0.1", "::1", false)]
    public void Addresses_are_keyed_by_ipv4_address_or_ipv6_64_bit_prefix(string a, string b, bool same)
    {
        var keyA = TenantPartitionKey.AddressKey(IPAddress.Parse(a), 64);
        var keyB = TenantPartitionKey.AddressKey(IPAddress.Parse(b), 64);

        (keyA == keyB).Should().Be(same);
        keyA.Should().NotBe(UInt128.Zero);
    }

    [Fact]
    public void A_claim_on_an_unauthenticated_identity_is_not_a_caller_id()
    {
        using var limiter = new TenantRateLimiter(Options.Create(new TenantRateLimiterOptions()));
        var principal = new ClaimsPrincipal([new ClaimsIdentity([new Claim("x", "y")], "Test"), new ClaimsIdentity([new Claim("sub", "forged")])]);
        var context = new DefaultHttpContext { User = principal };

        var caller = limiter.Describe(context, Tenants.Acme);

        caller.Authenticated.Should().BeTrue();
        caller.CallerId.Should().BeNull("the only sub claim is on an unauthenticated identity");
    }
}
