using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Caching.Distributed;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using Microsoft.Extensions.DependencyInjection;

namespace Tenancy.ScaleOut.Tests;

/// <summary>The <c>Idempotency-Key</c> middleware on two real instances sharing one Redis (claims and stored responses).</summary>
public sealed class IdempotencyAcrossInstancesTests
{
    private int _runs;
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    [Fact]
    public async Task Concurrent_duplicates_on_two_instances_run_once_the_other_gets_409_and_a_later_retry_is_replayed()
    {
        await using var database = await ScaleOutDatabase.CreateAsync(Tenants.All);
        var cachePrefix = "idem-" + Guid.NewGuid().ToString("N") + ":";
        await using var a = await StartAsync(database, cachePrefix);
        await using var b = await StartAsync(database, cachePrefix);
        var key = Guid.NewGuid().ToString("N");

        var first = Post(a, "acme", key);
        var second = Post(b, "acme", key);
        await Task.WhenAny(Task.WhenAny(first, second), Task.Delay(TimeSpan.FromSeconds(10))); // the refused duplicate answers at once
        _gate.TrySetResult();
        var statuses = (await Task.WhenAll(first, second)).Select(r => r.StatusCode).ToArray();

        statuses.Should().BeEquivalentTo([HttpStatusCode.Created, HttpStatusCode.Conflict]);
        _runs.Should().Be(1, "one of the two instances ran the request");

        var retry = await Post(b, "acme", key);
        retry.StatusCode.Should().Be(HttpStatusCode.Created);
        retry.Headers.GetValues("Idempotency-Replayed").Should().Equal("true");
        _runs.Should().Be(1, "a retry is replayed from the shared store, on either instance");

        var otherTenant = await Post(b, "globex", key);
        otherTenant.StatusCode.Should().Be(HttpStatusCode.Created);
        otherTenant.Headers.Contains("Idempotency-Replayed").Should().BeFalse("the same key of another tenant is its own");
        _runs.Should().Be(2);
    }

    private static Task<HttpResponseMessage> Post(Instance instance, string tenant, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = JsonContent.Create(new { item = "widget" }) };
        request.Headers.Add("X-Tenant", tenant);
        request.Headers.Add("Idempotency-Key", key);
        return instance.Client.SendAsync(request);
    }

    private Task<Instance> StartAsync(ScaleOutDatabase database, string cachePrefix) => Instance.StartAsync(
        database,
        t => t.AddIdempotency().AddRedisIdempotency(TestServers.Redis),
        services => services.AddSingleton<IDistributedCache>(new SlowReadCache(
            new RedisCache(Microsoft.Extensions.Options.Options.Create(new RedisCacheOptions { Configuration = TestServers.Redis, InstanceName = cachePrefix })),
            TimeSpan.FromMilliseconds(300))),
        app =>
        {
            app.UseTenancyIdempotency();
            app.MapPost("/orders", async () =>
            {
                Interlocked.Increment(ref _runs);
                await _gate.Task;
                return Results.Created("/orders/1", new { id = 1 });
            }).RequireTenant();
        });
}
