using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Tenancy.Sso;

namespace Tenancy.ScaleOut.Tests;

/// <summary>
/// Pending SSO sign-ins kept in a Redis shared by two instances (<c>AddRedisSignInState</c>): a callback may reach either
/// instance, a <c>state</c> is taken once across all of them, and one instance's key prefix never reads another's.
/// </summary>
public sealed class SignInStateAcrossInstancesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_sign_in_started_on_one_instance_is_taken_on_the_other_and_only_once()
    {
        var prefix = Prefix();
        await using var a = Build(prefix);
        await using var b = Build(prefix);
        var state = Guid.NewGuid().ToString("N");
        var pending = Pending("t-acme");

        await Store(a).SaveAsync(state, pending);

        (await Store(b).TakeAsync(state)).Should().Be(pending);
        (await Store(a).TakeAsync(state)).Should().BeNull("a replayed callback finds nothing on the instance that started it");
        (await Store(b).TakeAsync(state)).Should().BeNull();
    }

    [Fact]
    public async Task Concurrent_callbacks_with_one_state_on_two_instances_give_the_sign_in_to_exactly_one()
    {
        var prefix = Prefix();
        await using var a = Build(prefix);
        await using var b = Build(prefix);
        for (var round = 0; round < 20; round++)
        {
            var state = Guid.NewGuid().ToString("N");
            await Store(a).SaveAsync(state, Pending("t-acme"));

            var takes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Store(i % 2 == 0 ? a : b).TakeAsync(state)));

            takes.Count(t => t is not null).Should().Be(1, "round {0}: GETDEL hands a state to one caller", round);
        }
    }

    [Fact]
    public async Task A_state_value_cannot_be_written_twice_so_a_second_sign_in_never_replaces_the_first()
    {
        await using var a = Build(Prefix());
        var state = Guid.NewGuid().ToString("N");
        var first = Pending("t-acme");
        await Store(a).SaveAsync(state, first);

        var overwrite = () => Store(a).SaveAsync(state, Pending("t-globex"));

        await overwrite.Should().ThrowAsync<InvalidOperationException>();
        (await Store(a).TakeAsync(state)).Should().Be(first, "the sign-in keeps the tenant it started at");
    }

    [Fact]
    public async Task A_pending_sign_in_expires_in_redis_with_its_lifetime()
    {
        var prefix = Prefix();
        await using var a = Build(prefix);
        var state = Guid.NewGuid().ToString("N");
        await Store(a).SaveAsync(state, Pending("t-acme", TimeSpan.FromSeconds(1)));

        await using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var ttl = await redis.GetDatabase().KeyTimeToLiveAsync(prefix + "signin:" + state);
        ttl.Should().NotBeNull().And.BeLessThanOrEqualTo(TimeSpan.FromSeconds(1));
        await Eventually.WithinAsync(TimeSpan.FromSeconds(10), async () => !await redis.GetDatabase().KeyExistsAsync(prefix + "signin:" + state), "Redis expires the entry with the sign-in");
        (await Store(a).TakeAsync(state)).Should().BeNull();
    }

    [Fact]
    public async Task Another_applications_prefix_does_not_see_the_sign_in()
    {
        await using var a = Build(Prefix());
        await using var other = Build(Prefix());
        var state = Guid.NewGuid().ToString("N");
        await Store(a).SaveAsync(state, Pending("t-acme"));

        (await Store(other).TakeAsync(state)).Should().BeNull();
        (await Store(a).TakeAsync(state)).Should().NotBeNull("the other prefix's take removed nothing");
    }

    [Fact]
    public async Task Bad_input_is_refused_before_redis_is_asked()
    {
        await using var a = Build(Prefix());
        var store = Store(a);

        await store.Invoking(s => s.SaveAsync("", Pending("t-acme"))).Should().ThrowAsync<ArgumentException>();
        await store.Invoking(s => s.SaveAsync(new string('s', 201), Pending("t-acme"))).Should().ThrowAsync<ArgumentOutOfRangeException>();
        await store.Invoking(s => s.SaveAsync("state", null!)).Should().ThrowAsync<ArgumentNullException>();
        await store.Invoking(s => s.SaveAsync("state", Pending("t-acme", TimeSpan.Zero))).Should().ThrowAsync<ArgumentException>();
        await store.Invoking(s => s.TakeAsync("")).Should().ThrowAsync<ArgumentException>();
    }

    [Fact]
    public async Task The_redis_store_replaces_the_in_memory_one_whichever_is_registered_first()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTenancy(t => t.AddRedisSignInState(TestServers.Redis).AddTenantSso());
        await using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<ITenantSignInStateStore>().GetType().Name.Should().Be("RedisTenantSignInStateStore");
    }

    private static string Prefix() => "signin-test-" + Guid.NewGuid().ToString("N") + ":";

    private TenantSignInState Pending(string tenantId, TimeSpan? lifetime = null) => new(
        tenantId, "nonce-" + tenantId, "verifier", "https://acme.example/signin/callback", "/", "binding", _time.GetUtcNow() + (lifetime ?? TimeSpan.FromMinutes(10)));

    private ServiceProvider Build(string prefix)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_time);
        services.AddTenancy(t => t.AddTenantSso().AddRedisSignInState(TestServers.Redis));
        services.Configure<Tenancy.Redis.TenancyRedisOptions>(o => o.Prefix = prefix);
        return services.BuildServiceProvider();
    }

    private static ITenantSignInStateStore Store(IServiceProvider provider) => provider.GetRequiredService<ITenantSignInStateStore>();
}
