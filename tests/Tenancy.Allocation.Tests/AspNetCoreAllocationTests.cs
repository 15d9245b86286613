using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.Http;
using Tenancy.AspNetCore.RateLimiting;
using Tenancy.Core.Tests.Support;

namespace Tenancy.Allocation.Tests;

/// <summary>Tenancy.AspNetCore's warm paths: the request view over an HttpContext, telling rate-limit callers apart.</summary>
public sealed class AspNetCoreAllocationTests
{
    // A request that every strategy reads: host with a port, a tenant path segment, a header and a claim.
    private static DefaultHttpContext Context() => new()
    {
        Request = { Host = new HostString("acme.example.com:8443"), Path = "/acme/orders", Headers = { ["X-Tenant"] = "globex" } },
        User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("tid", "t-acme")], "test")),
    };

    [Fact]
    public void Reading_a_view_allocates_nothing()
    {
        var context = Context();
        static int Read(HttpContext context)
        {
            var view = HttpContextTenantRequestReader.CreateView(context);
            return view.Host.Length + view.Path.Length + view.GetHeader("X-Tenant").Count + (view.User is null ? 0 : 1);
        }

        for (var i = 0; i < 1000; i++)
        {
            Read(context);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            Read(context);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Fact]
    public void Describing_a_caller_allocates_nothing()
    {
        using var limiter = new TenantRateLimiter(Options.Create(new TenantRateLimiterOptions()));
        var authenticated = new DefaultHttpContext { User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("tid", "t-acme"), new Claim("sub", "user-1")], "Test")) };
        var anonymous = new DefaultHttpContext();
        anonymous.Connection.RemoteIpAddress = IPAddress.Parse("2001:db8::1");
        limiter.Describe(authenticated, Tenants.Acme).CallerId.Should().Be("user-1");
        limiter.Describe(anonymous, Tenants.Acme).CallerId.Should().BeNull();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            limiter.Describe(authenticated, Tenants.Acme);
            limiter.Describe(anonymous, Tenants.Acme);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }
}
