using System.Net;
using Tenancy.Scim.Tests.Infrastructure;

namespace Tenancy.Scim.Tests;

public sealed class ScimRateLimitTests
{
    [Fact]
    public async Task A_tenant_over_its_limit_gets_429_while_another_tenant_is_served()
    {
        await using var host = await ScimTestHost.StartAsync(Backend.Sqlite, o => { o.RateLimitPermits = 3; o.RateLimitWindow = TimeSpan.FromHours(1); });

        for (var i = 0; i < 3; i++)
        {
            (await host.Get(host.AcmeToken, "/Users")).Status.Should().Be(HttpStatusCode.OK);
        }

        var refused = await host.Get(host.AcmeToken, "/Users");
        refused.Status.Should().Be(HttpStatusCode.TooManyRequests);
        refused.ContentType.Should().Be("application/scim+json");
        refused.Headers.RetryAfter.Should().NotBeNull();
        (await host.Get(host.GlobexToken, "/Users")).Status.Should().Be(HttpStatusCode.OK);
    }
}
