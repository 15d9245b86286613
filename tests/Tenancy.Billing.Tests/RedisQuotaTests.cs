using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Tenancy.Billing.Quotas;

namespace Tenancy.Billing.Tests;

public sealed class RedisQuotaTests
{
    private static Task<BillingHost> StartAsync(string prefix, int lease = 0, Microsoft.Extensions.Time.Testing.FakeTimeProvider? time = null) =>
        BillingHost.StartAsync(b => b.UseRedis(RedisServer.Shared, o =>
        {
            o.KeyPrefix = prefix;
            o.LeaseBlockSize = lease;
        }), time: time);

    private static async Task<(long Granted, long Denied)> HammerAsync(IQuotaGuard guard, TenantInfo tenant, string meter, int workers)
    {
        long granted = 0;
        long denied = 0;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                var result = await guard.TryConsumeAsync(tenant, meter);
                if (!result.Granted)
                {
                    Interlocked.Increment(ref denied);
                    return;
                }

                Interlocked.Increment(ref granted);
            }

            throw new InvalidOperationException("The quota never refused.");
        })));
        return (granted, denied);
    }

    [Fact]
    public async Task Sixteen_concurrent_workers_on_redis_are_granted_exactly_the_hard_limit()
    {
        await using var host = await StartAsync(RedisServer.UniquePrefix());

        var (granted, _) = await HammerAsync(host.Guard, Tenants.Acme, "api-requests", 16);

        granted.Should().Be(100);
        (await host.Guard.GetUsageAsync(Tenants.Acme)).Single(u => u.Meter == "api-requests").Used.Should().Be(100);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8)]
    public async Task Two_hosts_sharing_redis_are_granted_exactly_the_hard_limit_together(int lease)
    {
        var prefix = RedisServer.UniquePrefix();
        await using var one = await StartAsync(prefix, lease);
        await using var two = await StartAsync(prefix, lease);

        var results = await Task.WhenAll(HammerAsync(one.Guard, Tenants.Acme, "api-requests", 8), HammerAsync(two.Guard, Tenants.Acme, "api-requests", 8));

        results.Sum(r => r.Granted).Should().Be(100);
        results.Should().OnlyContain(r => r.Granted > 0, "both hosts took part");
    }

    [Fact]
    public async Task Alerts_are_raised_once_across_two_hosts()
    {
        var prefix = RedisServer.UniquePrefix();
        await using var one = await StartAsync(prefix);
        await using var two = await StartAsync(prefix);

        await Task.WhenAll(HammerAsync(one.Guard, Tenants.Acme, "api-requests", 8), HammerAsync(two.Guard, Tenants.Acme, "api-requests", 8));
        await one.Events.WaitForAsync(_ => one.Events.Alerts.Count() + two.Events.Alerts.Count() >= 2);
        await Task.Delay(200);

        one.Events.Alerts.Concat(two.Events.Alerts).Select(a => a.ThresholdPercent).Should().BeEquivalentTo([80, 100]);
    }

    [Fact]
    public async Task A_refused_consume_writes_nothing_and_a_refund_is_shared()
    {
        var prefix = RedisServer.UniquePrefix();
        await using var one = await StartAsync(prefix);
        await using var two = await StartAsync(prefix);
        await one.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 99);

        (await two.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 2)).Granted.Should().BeFalse();
        await one.Guard.RefundAsync(Tenants.Acme, "api-requests", 4);

        var result = await two.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 5);
        result.Granted.Should().BeTrue();
        result.Used.Should().Be(100);
    }

    [Fact]
    public async Task Keys_are_per_tenant_and_period_and_expire_after_the_period()
    {
        var prefix = RedisServer.UniquePrefix();
        await using var host = await StartAsync(prefix);
        await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 100);

        (await host.Guard.TryConsumeAsync(Tenants.Globex, "api-requests")).Used.Should().Be(1);
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero));
        (await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests")).Used.Should().Be(1);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared);
        var server = redis.GetServers()[0];
        var keys = server.Keys(pattern: prefix + "q:*").Select(k => k.ToString()).Where(k => !k.Contains(":alert:", StringComparison.Ordinal)).Order().ToArray();
        keys.Should().BeEquivalentTo(
            $"{prefix}q:{{t-acme}}:api-requests:20260310000000",
            $"{prefix}q:{{t-acme}}:api-requests:20260311000000",
            $"{prefix}q:{{t-globex}}:api-requests:20260310000000");
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(keys[0]);
        ttl.Should().BeCloseTo(TimeSpan.FromDays(3.5), TimeSpan.FromMinutes(1), "the period ends in 12 hours and keys are kept 3 days more");
    }

    [Fact]
    public async Task Leased_units_of_a_closed_period_go_back_to_it()
    {
        var prefix = RedisServer.UniquePrefix();
        await using var host = await StartAsync(prefix, lease: 8);
        await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests");
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero));
        await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests");

        await host.Services.GetRequiredService<Tenancy.Billing.Redis.RedisQuotaCounterStore>().ReconcileAsync(default);

        await using var redis = await ConnectionMultiplexer.ConnectAsync(RedisServer.Shared);
        ((long)await redis.GetDatabase().StringGetAsync($"{prefix}q:{{t-acme}}:api-requests:20260310000000")).Should().Be(1);
    }
}
