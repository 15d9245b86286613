using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tenancy.ScaleOut.Tests;

/// <summary>Kills a private redis-server mid-test (never the shared one) and checks the backplane's behaviour.</summary>
public sealed class RedisFaultTests
{
    [Fact]
    public async Task A_change_made_while_redis_was_down_is_seen_by_every_instance_after_recovery()
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        await using var database = await ScaleOutDatabase.CreateAsync(Tenants.All);
        var (a, b) = await BackplaneSetup.StartPairAsync(BackplaneKind.Redis, database, redis.Configuration);
        await using var _a = a;
        await using var _b = b;
        (await b.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.OK);

        await redis.KillAsync();
        await b.UntilBackplaneIsAsync(HealthStatus.Unhealthy);
        await a.UntilBackplaneIsAsync(HealthStatus.Unhealthy);

        await a.Store.UpdateAsync(Tenants.Acme with { Status = TenantStatus.Suspended });
        (await a.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.Locked, "the writing instance evicts its own cache at once");
        (await b.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.OK, "B cannot hear the change while Redis is down (the documented window)");

        await redis.RestartAsync();
        await b.UntilBackplaneIsAsync(HealthStatus.Healthy);
        await Eventually.WithinAsync(TimeSpan.FromSeconds(30), async () => await b.StatusAsTenantAsync("acme") == HttpStatusCode.Locked, "B flushed on reconnect");
        (await b.StatusAsTenantAsync("globex")).Should().Be(HttpStatusCode.OK);

        // After recovery, changes flow again.
        await a.Store.UpdateAsync(Tenants.Acme);
        await Eventually.WithinAsync(TimeSpan.FromSeconds(10), async () => await b.StatusAsTenantAsync("acme") == HttpStatusCode.OK, "B hears A again");
    }
}
