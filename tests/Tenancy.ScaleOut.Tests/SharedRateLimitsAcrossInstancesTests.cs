using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tenancy.Redis.RateLimiting;

namespace Tenancy.ScaleOut.Tests;

/// <summary>The per-tenant rate limiter of Tenancy.AspNetCore counting in Redis, on two real instances.</summary>
public sealed class SharedRateLimitsAcrossInstancesTests
{
    private const int Limit = 10;

    [Fact]
    public async Task A_plans_limit_of_N_per_window_admits_exactly_N_across_both_instances_and_refuses_with_429_and_retry_after()
    {
        await using var database = await ScaleOutDatabase.CreateAsync(Tenants.All);
        var prefix = database.Name + ":";
        await using var a = await StartAsync(database, TestServers.Redis, prefix);
        await using var b = await StartAsync(database, TestServers.Redis, prefix);

        var responses = await Task.WhenAll(Enumerable.Range(0, 3 * Limit).Select(i => (i % 2 == 0 ? a : b).AsTenantAsync("acme")));

        responses.Count(r => r.StatusCode == HttpStatusCode.OK).Should().Be(Limit);
        var refused = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToArray();
        refused.Should().HaveCount(2 * Limit);
        refused.Should().OnlyContain(r => r.Headers.RetryAfter != null && r.Headers.RetryAfter.Delta > TimeSpan.Zero);
        (await b.StatusAsTenantAsync("globex")).Should().Be(HttpStatusCode.OK, "another tenant's budget is its own");
    }

    [Theory]
    [InlineData(RedisUnavailablePolicy.FailOpen)]
    [InlineData(RedisUnavailablePolicy.FailClosed)]
    public async Task With_redis_killed_mid_test_the_configured_policy_applies_and_after_recovery_the_shared_limit_holds_again(RedisUnavailablePolicy policy)
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        await using var database = await ScaleOutDatabase.CreateAsync(Tenants.All);
        await using var a = await StartAsync(database, redis.Configuration, "rl:", policy);
        await using var b = await StartAsync(database, redis.Configuration, "rl:", policy);
        (await a.StatusAsTenantAsync("acme")).Should().Be(HttpStatusCode.OK);

        await redis.KillAsync();
        var down = await Task.WhenAll(Enumerable.Range(0, 2 * Limit).Select(_ => a.StatusAsTenantAsync("acme")));

        if (policy == RedisUnavailablePolicy.FailOpen)
        {
            down.Count(s => s == HttpStatusCode.OK).Should().Be(Limit, "instance A falls back to its own window of the same limit");
        }
        else
        {
            down.Should().OnlyContain(s => s == HttpStatusCode.TooManyRequests);
            using var refused = await a.AsTenantAsync("acme");
            refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromSeconds(3));
        }

        await redis.RestartAsync();
        await a.UntilBackplaneIsAsync(HealthStatus.Healthy);
        await b.UntilBackplaneIsAsync(HealthStatus.Healthy);
        var after = await Task.WhenAll(Enumerable.Range(0, 3 * Limit).Select(i => (i % 2 == 0 ? a : b).StatusAsTenantAsync("globex")));
        after.Count(s => s == HttpStatusCode.OK).Should().Be(Limit, "the restarted Redis holds one shared window for both instances again");
    }

    private static Task<Instance> StartAsync(ScaleOutDatabase database, string redis, string prefix, RedisUnavailablePolicy policy = RedisUnavailablePolicy.FailOpen) =>
        Instance.StartAsync(
            database,
            t =>
            {
                BackplaneSetup.For(BackplaneKind.Redis, database, redis, prefix)(t); // same connection: its health says when Redis is back
                t.AddRedisRateLimiter(redis, o =>
                {
                    o.WhenRedisIsDown = policy;
                    o.RetryAfterWhenDown = TimeSpan.FromSeconds(3);
                });
                t.AddTenancyRateLimiter(limits =>
                {
                    limits.CallerShare = 1;
                    limits.AnonymousShare = 1;
                    limits.SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = Limit, Window = TimeSpan.FromMinutes(5) });
                });
            },
            pipeline: app => app.UseTenancyRateLimiter());
}
