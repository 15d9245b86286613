using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Tenancy.ScaleOut.Tests;

/// <summary>What arrives on the channel is input: junk is dropped, and a message can only make caches forget, never make them believe.</summary>
public sealed class BackplaneInputTests
{
    [Fact]
    public async Task Junk_and_forged_messages_on_the_channel_change_nothing_an_instance_serves()
    {
        await using var database = await ScaleOutDatabase.CreateAsync(Tenants.All);
        var (a, b) = await BackplaneSetup.StartPairAsync(BackplaneKind.Redis, database);
        await using var _a = a;
        await using var _b = b;
        (await b.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.OK);
        (await b.StatusAsTenantAsync("initech")).Should().NotBe(HttpStatusCode.OK);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var channel = RedisChannel.Literal(database.Name + ":tenant-changes");
        foreach (var junk in new[]
        {
            "", "not json", "{}", "[1,2]", new string('x', 100_000),
            "{\"v\":1,\"o\":\"forger\",\"k\":1,\"t\":\"../../etc\",\"x\":[]}",
            "{\"v\":1,\"o\":\"forger\",\"k\":0,\"t\":\"t-initech\",\"x\":[\"initech\",\"acme.test\"]}",
        })
        {
            await redis.GetSubscriber().PublishAsync(channel, junk);
        }

        await Task.Delay(200);
        (await b.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.OK, "a message only evicts; acme is re-read as it is");
        (await b.StatusAsTenantAsync("initech")).Should().NotBe(HttpStatusCode.OK, "a forged 'added' cannot create a tenant");
        (await b.OnHostAsync("acme.test")).StatusCode.Should().Be(HttpStatusCode.OK);
        (await b.BackplaneHealthAsync()).Should().Be(HealthStatus.Healthy);
    }
}
