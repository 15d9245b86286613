using Microsoft.Extensions.Time.Testing;
using Tenancy.Core.Tests.Support;
using Tenancy.Events;
using Tenancy.Stores;

namespace Tenancy.Core.Tests.Stores;

public sealed class CachingTenantStoreTests : IDisposable
{
    private readonly FakeTimeProvider _time = new();
    private readonly TenantChangeNotifier _notifier = new();
    private readonly CountingStore _inner = new(Tenants.Acme, Tenants.Globex);
    private readonly CachingTenantStore _cache;

    public CachingTenantStoreTests() => _cache = new CachingTenantStore(
        _inner,
        new TenantStoreCacheOptions { TimeToLive = TimeSpan.FromMinutes(5), NegativeTimeToLive = TimeSpan.FromSeconds(10), MaxEntries = 100 },
        _notifier,
        _time);

    public void Dispose() => _cache.Dispose();

    [Fact]
    public async Task A_second_lookup_is_served_from_the_cache_including_the_span_lookup()
    {
        _cache.TryFindByIdentifier("acme", out _).Should().BeFalse("nothing is cached yet and the inner store answers only asynchronously");

        (await _cache.FindByIdentifierAsync("acme")).Should().BeSameAs(Tenants.Acme);
        (await _cache.FindByIdentifierAsync("ACME")).Should().BeSameAs(Tenants.Acme);
        _cache.TryFindByIdentifier("acme", out var hit).Should().BeTrue();

        hit.Should().BeSameAs(Tenants.Acme);
        _inner.Lookups.Should().Be(1);
    }

    [Fact]
    public async Task Ids_identifiers_and_domains_are_cached_separately()
    {
        (await _cache.FindByIdAsync("t-acme")).Should().BeSameAs(Tenants.Acme);
        (await _cache.FindByDomainAsync("acme.com")).Should().BeSameAs(Tenants.Acme);
        _cache.TryFindById("t-acme", out var byId).Should().BeTrue();
        _cache.TryFindByDomain("ACME.COM", out var byDomain).Should().BeTrue();
        _cache.TryFindById("T-ACME", out _).Should().BeFalse("ids are case-sensitive");

        byId.Should().BeSameAs(Tenants.Acme);
        byDomain.Should().BeSameAs(Tenants.Acme);
        _inner.Lookups.Should().Be(2);
    }

    [Fact]
    public async Task An_entry_expires_after_its_time_to_live()
    {
        await _cache.FindByIdentifierAsync("acme");
        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        _cache.TryFindByIdentifier("acme", out _).Should().BeTrue();

        _time.Advance(TimeSpan.FromSeconds(1));
        _cache.TryFindByIdentifier("acme", out _).Should().BeFalse();
        await _cache.FindByIdentifierAsync("acme");
        _inner.Lookups.Should().Be(2);
    }

    [Fact]
    public async Task Unknown_keys_are_remembered_briefly_so_floods_do_not_reach_the_store()
    {
        for (var i = 0; i < 100; i++)
        {
            (await _cache.FindByDomainAsync("unknown.example")).Should().BeNull();
        }

        _cache.TryFindByDomain("unknown.example", out var tenant).Should().BeTrue();
        tenant.Should().BeNull();
        _inner.Lookups.Should().Be(1);

        _time.Advance(TimeSpan.FromSeconds(10));
        _cache.TryFindByDomain("unknown.example", out _).Should().BeFalse("the negative entry expired");
    }

    [Fact]
    public async Task A_tenant_added_under_a_negatively_cached_key_is_found_at_once()
    {
        (await _cache.FindByIdentifierAsync("initech")).Should().BeNull();

        await _cache.AddAsync(Tenants.Initech with { Status = TenantStatus.Active });

        (await _cache.FindByIdentifierAsync("initech")).Should().NotBeNull();
    }

    [Fact]
    public async Task A_tenant_suspended_through_the_notifier_is_never_served_active_from_the_cache()
    {
        await _cache.FindByIdentifierAsync("acme");
        await _cache.FindByDomainAsync("acme.com");
        await _cache.FindByIdAsync("t-acme");
        var suspended = Tenants.Acme with { Status = TenantStatus.Suspended };

        await _inner.UpdateAsync(suspended);
        _notifier.Publish(new TenantChange(TenantChangeKind.Updated, "t-acme", Tenants.Acme, suspended));

        (await _cache.FindByIdentifierAsync("acme"))!.Status.Should().Be(TenantStatus.Suspended);
        (await _cache.FindByDomainAsync("acme.com"))!.Status.Should().Be(TenantStatus.Suspended);
        (await _cache.FindByIdAsync("t-acme"))!.Status.Should().Be(TenantStatus.Suspended);
    }

    [Fact]
    public async Task An_update_through_the_cache_evicts_the_old_identifier_and_domains()
    {
        await _cache.FindByIdentifierAsync("acme");
        await _cache.FindByDomainAsync("acme.com");
        var moved = Tenants.Acme with { Identifier = "acme-corp", Domains = ["acme.org"], Status = TenantStatus.Suspended };

        await _cache.UpdateAsync(moved);

        (await _cache.FindByIdentifierAsync("acme")).Should().BeNull();
        (await _cache.FindByDomainAsync("acme.com")).Should().BeNull();
        (await _cache.FindByIdentifierAsync("acme-corp")).Should().Be(moved);
    }

    [Fact]
    public async Task A_change_published_without_the_previous_state_still_evicts_every_key_of_the_tenant()
    {
        await _cache.FindByIdentifierAsync("acme");
        await _cache.FindByDomainAsync("acme.com");
        var suspended = Tenants.Acme with { Identifier = "acme-2", Domains = [], Status = TenantStatus.Suspended };
        await _inner.UpdateAsync(suspended);

        _notifier.Publish(new TenantChange(TenantChangeKind.Updated, "t-acme", null, suspended));

        (await _cache.FindByIdentifierAsync("acme")).Should().BeNull();
        (await _cache.FindByDomainAsync("acme.com")).Should().BeNull();
    }

    [Fact]
    public async Task An_identifier_and_domain_handed_to_another_tenant_are_never_served_as_the_old_tenant()
    {
        await _cache.FindByIdentifierAsync("acme");
        await _cache.FindByDomainAsync("acme.com");

        await _cache.UpdateAsync(Tenants.Acme with { Identifier = "acme-old", Domains = [] });
        await _cache.UpdateAsync(Tenants.Globex with { Identifier = "acme", Domains = ["acme.com"] });

        (await _cache.FindByIdentifierAsync("acme"))!.Id.Should().Be("t-globex");
        (await _cache.FindByDomainAsync("acme.com"))!.Id.Should().Be("t-globex");
        _cache.TryFindByIdentifier("acme", out var hit).Should().BeTrue();
        hit!.Id.Should().Be("t-globex");
    }

    [Fact]
    public async Task A_removed_tenant_is_not_served_from_the_cache()
    {
        await _cache.FindByIdentifierAsync("globex");

        (await _cache.RemoveAsync("t-globex")).Should().BeTrue();

        (await _cache.FindByIdentifierAsync("globex")).Should().BeNull();
        _cache.TryFindByIdentifier("globex", out var negative).Should().BeTrue();
        negative.Should().BeNull();
    }

    [Fact]
    public async Task A_lookup_racing_an_update_does_not_put_the_old_tenant_back_in_the_cache()
    {
        _inner.Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racing = _cache.FindByIdentifierAsync("acme").AsTask(); // Reads the active tenant, then waits at the gate.
        var suspended = Tenants.Acme with { Status = TenantStatus.Suspended };
        await _inner.UpdateAsync(suspended);
        _notifier.Publish(new TenantChange(TenantChangeKind.Updated, "t-acme", Tenants.Acme, suspended));

        _inner.Gate.SetResult();
        (await racing)!.Status.Should().Be(TenantStatus.Active, "that read began before the update");
        _inner.Gate = null;

        (await _cache.FindByIdentifierAsync("acme"))!.Status.Should().Be(TenantStatus.Suspended);
    }

    [Fact]
    public async Task The_cache_stays_within_its_size_bound_under_a_flood_of_unknown_keys()
    {
        await _cache.FindByIdentifierAsync("acme");
        for (var i = 0; i < 1_000; i++)
        {
            await _cache.FindByDomainAsync($"unknown{i}.example");
            _cache.Count.Should().BeLessThanOrEqualTo(100);
        }

        (await _cache.FindByIdentifierAsync("acme")).Should().BeSameAs(Tenants.Acme);
    }

    [Fact]
    public async Task Clear_drops_every_entry()
    {
        await _cache.FindByIdentifierAsync("acme");
        _cache.Clear();

        _cache.Count.Should().Be(0);
        _cache.TryFindByIdentifier("acme", out _).Should().BeFalse();
    }

    [Fact]
    public async Task Writes_to_a_read_only_inner_store_are_refused_clearly()
    {
        using var cache = new CachingTenantStore(new InMemoryReadOnly(), timeProvider: _time);
        await FluentActions.Awaiting(() => cache.AddAsync(Tenants.Acme).AsTask()).Should().ThrowAsync<NotSupportedException>().WithMessage("*read-only*");
    }

    [Fact]
    public void A_cache_over_a_span_lookup_store_answers_synchronously_and_then_from_itself()
    {
        var inner = new InMemoryTenantStore([Tenants.Acme]);
        using var cache = new CachingTenantStore(inner, timeProvider: _time);

        cache.TryFindByIdentifier("acme", out var first).Should().BeTrue();
        cache.TryFindByIdentifier("nobody", out var missing).Should().BeTrue();

        first.Should().BeSameAs(Tenants.Acme);
        missing.Should().BeNull();
        cache.Count.Should().Be(2);
    }

    [Theory]
    [InlineData(0, 10, 100)]
    [InlineData(60, -1, 100)]
    [InlineData(60, 10, 0)]
    public void Invalid_options_are_refused(int ttlSeconds, int negativeSeconds, int maxEntries)
    {
        var options = new TenantStoreCacheOptions
        {
            TimeToLive = TimeSpan.FromSeconds(ttlSeconds),
            NegativeTimeToLive = TimeSpan.FromSeconds(negativeSeconds),
            MaxEntries = maxEntries,
        };

        var act = () => new CachingTenantStore(_inner, options);
        act.Should().Throw<ArgumentException>();
    }

    private sealed class InMemoryReadOnly : ITenantStore
    {
        public ValueTask<TenantInfo?> FindByIdAsync(string id, CancellationToken cancellationToken = default) => ValueTask.FromResult<TenantInfo?>(null);

        public ValueTask<TenantInfo?> FindByIdentifierAsync(string identifier, CancellationToken cancellationToken = default) => ValueTask.FromResult<TenantInfo?>(null);

        public ValueTask<TenantInfo?> FindByDomainAsync(string domain, CancellationToken cancellationToken = default) => ValueTask.FromResult<TenantInfo?>(null);

        public ValueTask<TenantPage> ListAsync(TenantPageRequest request, CancellationToken cancellationToken = default) => ValueTask.FromResult(new TenantPage([], null));
    }

    [Fact]
    public async Task A_remote_change_drops_the_negative_entry_of_a_domain_it_names()
    {
        (await _cache.FindByDomainAsync("shop.acme.com")).Should().BeNull();
        await _inner.UpdateAsync(Tenants.Acme with { Domains = ["acme.com", "shop.acme.com"] });
        (await _cache.FindByDomainAsync("shop.acme.com")).Should().BeNull("the miss is remembered and no change was heard yet");

        _notifier.Publish(new TenantChange(TenantChangeKind.Updated, "t-acme", null, null) { Origin = "other", Keys = ["shop.acme.com"] });

        (await _cache.FindByDomainAsync("shop.acme.com"))!.Id.Should().Be("t-acme");
    }

    [Fact]
    public async Task A_remote_change_without_keys_still_drops_every_entry_that_points_at_the_tenant()
    {
        (await _cache.FindByDomainAsync("acme.com")).Should().NotBeNull();
        (await _cache.FindByIdentifierAsync("acme")).Should().NotBeNull();
        await _inner.UpdateAsync(Tenants.Acme with { Status = TenantStatus.Suspended });

        _notifier.Publish(new TenantChange(TenantChangeKind.Updated, "t-acme", null, null) { Origin = "other" });

        (await _cache.FindByDomainAsync("acme.com"))!.Status.Should().Be(TenantStatus.Suspended);
        (await _cache.FindByIdentifierAsync("acme"))!.Status.Should().Be(TenantStatus.Suspended);
    }

    [Fact]
    public async Task A_reset_drops_every_entry_of_every_tenant()
    {
        (await _cache.FindByIdentifierAsync("acme")).Should().NotBeNull();
        (await _cache.FindByIdentifierAsync("globex")).Should().NotBeNull();
        (await _cache.FindByDomainAsync("nobody.example")).Should().BeNull();

        _notifier.Publish(TenantChange.Reset("other"));

        _cache.Count.Should().Be(0);
        _cache.TryFindByIdentifier("globex", out _).Should().BeFalse();
    }

    [Fact]
    public async Task A_key_or_membership_change_of_a_tenant_keeps_its_cached_lookups()
    {
        (await _cache.FindByIdentifierAsync("acme")).Should().NotBeNull();
        var count = _cache.Count;

        _notifier.Publish(TenantChange.AccessChanged("t-acme", "acme") with { Origin = "other" });
        _notifier.Publish(TenantChange.AccessChanged("t-acme") with { Origin = "other" });

        _cache.Count.Should().Be(count);
        _cache.TryFindByIdentifier("acme", out _).Should().BeTrue("an access change is not a tenant change");
    }

    [Fact]
    public void An_access_change_round_trips_through_the_backplane_codec_with_its_tenant_and_keys()
    {
        var payload = TenantChangeCodec.Encode(TenantChange.AccessChanged("t-acme", TenantChange.MemberPrefix + "alice"), "instance-1");

        TenantChangeCodec.TryDecode(payload, out var decoded).Should().BeTrue();
        decoded!.Kind.Should().Be(TenantChangeKind.AccessChanged);
        decoded.TenantId.Should().Be("t-acme");
        decoded.Keys.Should().Equal(TenantChange.MemberPrefix + "alice");
        decoded.Origin.Should().Be("instance-1");
    }
}
