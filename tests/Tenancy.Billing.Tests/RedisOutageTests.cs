using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;
using Tenancy.Billing.Quotas;
using Tenancy.Billing.Redis;
using Tenancy.Testing.Redis;

namespace Tenancy.Billing.Tests;

/// <summary>Each test starts and kills a private redis-server of its own, never the shared one.</summary>
public sealed class RedisOutageTests
{
    private static Task<BillingHost> StartAsync(PrivateRedisServer server) =>
        BillingHost.StartAsync(
            b => b.UseRedis(server.Configuration, o => o.ReconcileInterval = TimeSpan.FromMinutes(10)),
            services: s => s.AddHealthChecks().AddTenancyBillingRedisCheck());

    private static async Task<long> ReadAsync(PrivateRedisServer server, string meter)
    {
        await using var redis = await ConnectionMultiplexer.ConnectAsync(server.Configuration);
        var value = await redis.GetDatabase().StringGetAsync($"tenancy:billing:q:{{t-acme}}:{meter}:20260310000000");
        return value.IsNull ? 0 : (long)value;
    }

    private static async Task WaitConnectedAsync(BillingHost host)
    {
        var connection = host.Services.GetRequiredService<BillingRedisConnection>();
        var multiplexer = await connection.GetAsync();
        for (var i = 0; i < 200 && !multiplexer.IsConnected; i++)
        {
            await Task.Delay(50);
        }

        multiplexer.IsConnected.Should().BeTrue();
    }

    [Fact]
    public async Task A_fail_closed_meter_refuses_while_redis_is_down_and_loses_nothing_counted_before()
    {
        await using var server = await RedisServer.StartPrivateAsync();
        await using var host = await StartAsync(server);
        (await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 10)).Granted.Should().BeTrue();

        await server.KillAsync();
        var during = await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests");
        var health = await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        during.Granted.Should().BeFalse();
        during.Reason.Should().Be(QuotaDenialReason.StoreUnavailable);
        health.Status.Should().Be(HealthStatus.Unhealthy);

        await server.RestartAsync();
        await WaitConnectedAsync(host);
        var after = await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests");
        after.Granted.Should().BeTrue();
        after.Used.Should().Be(11);
        (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status.Should().Be(HealthStatus.Healthy);
    }

    [Fact]
    public async Task A_fail_open_meter_counts_locally_while_redis_is_down_and_the_reconciled_total_is_the_true_total()
    {
        await using var server = await RedisServer.StartPrivateAsync();
        await using var host = await StartAsync(server);
        long truth = 0;
        for (var i = 0; i < 25; i++)
        {
            (await host.Guard.TryConsumeAsync(Tenants.Acme, "open-meter", 2)).Granted.Should().BeTrue();
            truth += 2;
        }

        await server.KillAsync();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                (await host.Guard.TryConsumeAsync(Tenants.Acme, "open-meter", 3)).Granted.Should().BeTrue();
                Interlocked.Add(ref truth, 3);
            }
        })));
        await host.Guard.RefundAsync(Tenants.Acme, "open-meter", 5);
        truth -= 5;
        var store = host.Services.GetRequiredService<RedisQuotaCounterStore>();
        store.PendingUnits.Should().Be((16 * 10 * 3) - 5);
        var reconcileWhileDown = async () => await store.ReconcileAsync(default);
        await reconcileWhileDown.Should().ThrowAsync<RedisConnectionException>();

        await server.RestartAsync();
        await WaitConnectedAsync(host);
        (await host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync()).Status.Should().Be(HealthStatus.Degraded);
        await store.ReconcileAsync(default);

        store.PendingUnits.Should().Be(0);
        (await ReadAsync(server, "open-meter")).Should().Be(truth);
        (await host.Guard.GetUsageAsync(Tenants.Acme)).Single(u => u.Meter == "open-meter").Used.Should().Be(truth);
    }
}
