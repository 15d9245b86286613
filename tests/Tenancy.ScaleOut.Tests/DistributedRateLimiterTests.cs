using System.Threading.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Redis.RateLimiting;

namespace Tenancy.ScaleOut.Tests;

/// <summary>The Redis limiter itself, as two instances of an application use it (two providers, two connections).</summary>
public sealed class DistributedRateLimiterTests
{
    [Fact]
    public async Task A_fixed_window_of_N_admits_exactly_N_across_two_instances_together()
    {
        var partition = Partition();
        await using var one = Factory(TestServers.Redis);
        await using var two = Factory(TestServers.Redis);
        var window = new FixedWindowRateLimiterOptions { PermitLimit = 7, Window = TimeSpan.FromMinutes(1) };
        using var a = one.Factory.CreateFixedWindow(partition, window);
        using var b = two.Factory.CreateFixedWindow(partition, window);

        var leases = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => (i % 2 == 0 ? a : b).AcquireAsync(1).AsTask()));

        leases.Count(l => l.IsAcquired).Should().Be(7);
        var refused = leases.First(l => !l.IsAcquired);
        refused.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).Should().BeTrue();
        retryAfter.Should().BeGreaterThan(TimeSpan.Zero).And.BeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task A_token_bucket_of_N_admits_exactly_N_across_two_instances_together()
    {
        var partition = Partition();
        await using var one = Factory(TestServers.Redis);
        await using var two = Factory(TestServers.Redis);
        var bucket = new TokenBucketRateLimiterOptions { TokenLimit = 5, TokensPerPeriod = 1, ReplenishmentPeriod = TimeSpan.FromMinutes(1) };
        using var a = one.Factory.CreateTokenBucket(partition, bucket);
        using var b = two.Factory.CreateTokenBucket(partition, bucket);

        var leases = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => (i % 2 == 0 ? a : b).AcquireAsync(1).AsTask()));

        leases.Count(l => l.IsAcquired).Should().Be(5);
        leases.First(l => !l.IsAcquired).TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).Should().BeTrue();
        retryAfter.Should().BeGreaterThan(TimeSpan.Zero);
    }

    [Fact]
    public async Task Partitions_do_not_share_a_budget()
    {
        await using var one = Factory(TestServers.Redis);
        var window = new FixedWindowRateLimiterOptions { PermitLimit = 2, Window = TimeSpan.FromMinutes(1) };
        using var acme = one.Factory.CreateFixedWindow(Partition(), window);
        using var globex = one.Factory.CreateFixedWindow(Partition(), window);

        for (var i = 0; i < 5; i++)
        {
            await acme.AcquireAsync(1);
        }

        (await globex.AcquireAsync(1)).IsAcquired.Should().BeTrue("another partition's exhaustion is not this one's");
        (await acme.AcquireAsync(1)).IsAcquired.Should().BeFalse();
    }

    [Fact]
    public async Task Refused_requests_do_not_use_up_the_window()
    {
        await using var one = Factory(TestServers.Redis);
        using var limiter = one.Factory.CreateFixedWindow(Partition(), new FixedWindowRateLimiterOptions { PermitLimit = 3, Window = TimeSpan.FromMinutes(1) });

        (await limiter.AcquireAsync(2)).IsAcquired.Should().BeTrue();
        (await limiter.AcquireAsync(2)).IsAcquired.Should().BeFalse("only one permit is left");
        (await limiter.AcquireAsync(1)).IsAcquired.Should().BeTrue("the refused request took nothing");
    }

    [Theory]
    [InlineData(RedisUnavailablePolicy.FailOpen)]
    [InlineData(RedisUnavailablePolicy.FailClosed)]
    public async Task While_redis_is_down_the_configured_policy_applies_and_after_recovery_the_shared_window_is_used_again(RedisUnavailablePolicy policy)
    {
        await using var redis = await PrivateRedisServer.StartAsync();
        await using var one = Factory(redis.Configuration, policy);
        using var limiter = one.Factory.CreateFixedWindow(Partition(), new FixedWindowRateLimiterOptions { PermitLimit = 3, Window = TimeSpan.FromMinutes(1) });
        (await limiter.AcquireAsync(1)).IsAcquired.Should().BeTrue();

        await redis.KillAsync();
        var down = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => limiter.AcquireAsync(1).AsTask()));

        if (policy == RedisUnavailablePolicy.FailOpen)
        {
            down.Count(l => l.IsAcquired).Should().Be(3, "each instance falls back to an in-process window of the same limit");
        }
        else
        {
            down.Should().OnlyContain(l => !l.IsAcquired);
            down[0].TryGetMetadata(MetadataName.RetryAfter, out var retryAfter).Should().BeTrue();
            retryAfter.Should().Be(TimeSpan.FromSeconds(2));
        }

        await redis.RestartAsync();
        await Eventually.WithinAsync(TimeSpan.FromSeconds(30), async () =>
        {
            using var probe = one.Factory.CreateFixedWindow(Partition(), new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) });
            using var first = await probe.AcquireAsync(1);
            using var second = await probe.AcquireAsync(1);
            return first.IsAcquired && !second.IsAcquired && second.TryGetMetadata(MetadataName.RetryAfter, out var wait) && wait > TimeSpan.FromSeconds(2);
        }, "the shared (Redis) window is used again: its Retry-After is the window's remaining time");
    }

    private static string Partition() => "test/" + Guid.NewGuid().ToString("N");

    private static Provider Factory(string redis, RedisUnavailablePolicy policy = RedisUnavailablePolicy.FailOpen)
    {
        var services = new ServiceCollection();
        services.AddTenancy(t => t.AddRedisRateLimiter(redis, o =>
        {
            o.WhenRedisIsDown = policy;
            o.RetryAfterWhenDown = TimeSpan.FromSeconds(2);
        }));
        return new Provider(services.BuildServiceProvider());
    }

    private sealed class Provider(ServiceProvider services) : IAsyncDisposable
    {
        public RedisRateLimiterFactory Factory { get; } = services.GetRequiredService<RedisRateLimiterFactory>();

        public ValueTask DisposeAsync() => services.DisposeAsync();
    }
}
