using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Tenancy.ScaleOut.Tests;

/// <summary>The shared (Redis) second level of tenant lookups behind every instance's in-process cache.</summary>
public sealed class SharedTenantCacheTests
{
    [Fact]
    public async Task A_cold_instance_reads_a_tenant_another_instance_looked_up_from_redis_not_from_the_database()
    {
        await using var database = await ScaleOutDatabase.CreateAsync(Tenants.All);
        await using var a = await Instance.StartAsync(database, WithSharedCache(database));
        (await a.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.OK);

        var queries = new QueryCounter();
        await using var cold = await Instance.StartAsync(database, WithSharedCache(database), queries.AddTo);

        (await cold.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.OK);
        queries.Count.Should().Be(0);
        (await cold.StatusAsTenantAsync("globex")).Should().Be(HttpStatusCode.OK);
        queries.Count.Should().Be(1, "globex was not in Redis yet");
    }

    [Fact]
    public async Task Concurrent_misses_of_one_tenant_on_a_cold_instance_make_one_database_read()
    {
        await using var database = await ScaleOutDatabase.CreateAsync(Tenants.All);
        var queries = new QueryCounter();
        await using var cold = await Instance.StartAsync(database, WithSharedCache(database), queries.AddTo);
        (await cold.StatusAsTenantAsync("globex")).Should().Be(HttpStatusCode.OK, "a first lookup opens the connections");
        var before = queries.Count;

        var statuses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => cold.StatusAsTenantAsync("acme")));

        statuses.Should().AllBeEquivalentTo(HttpStatusCode.OK);
        (queries.Count - before).Should().Be(1);
    }

    [Fact]
    public async Task A_suspension_removes_the_shared_entry_so_neither_a_warm_nor_a_cold_instance_serves_the_tenant()
    {
        await using var database = await ScaleOutDatabase.CreateAsync(Tenants.All);
        var setup = WithSharedCache(database);
        await using var a = await Instance.StartAsync(database, setup);
        await using var b = await Instance.StartAsync(database, setup);
        await a.UntilBackplaneIsAsync(HealthStatus.Healthy);
        await b.UntilBackplaneIsAsync(HealthStatus.Healthy);
        (await a.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.OK);
        (await b.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.OK);

        await a.Store.UpdateAsync(Tenants.Acme with { Status = TenantStatus.Suspended });
        await Eventually.WithinAsync(TimeSpan.FromSeconds(10), async () => await b.StatusAsTenantAsync("acme") == HttpStatusCode.Locked, "B follows A");
        await using var cold = await Instance.StartAsync(database, setup);

        (await cold.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.Locked, "the shared entry was removed, not left stale");
        (await cold.StatusAsTenantAsync("globex")).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_redis_down_an_instance_still_resolves_tenants_from_the_database()
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        await using var database = await ScaleOutDatabase.CreateAsync(Tenants.All);
        await redis.KillAsync();
        await using var instance = await Instance.StartAsync(database, WithSharedCache(database, redis.Configuration));

        (await instance.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.OK);
        (await instance.StatusAsTenantAsync("nobody")).Should().NotBe(HttpStatusCode.OK);
    }

    private static Action<TenancyBuilder> WithSharedCache(ScaleOutDatabase database, string? redis = null) => tenancy =>
    {
        BackplaneSetup.For(BackplaneKind.Redis, database, redis)(tenancy);
        tenancy.AddRedisTenantCache(redis ?? TestServers.Redis);
    };
}
