using Microsoft.Extensions.DependencyInjection;
using Tenancy.ApiKeys;
using Tenancy.Events;
using Tenancy.Members;

namespace Tenancy.Platform.Tests.ApiKeys;

/// <summary>
/// What another instance's announcement (arriving through the backplane as a remote change) does to this process's key and
/// access caches: the named tenant's entries go, a reset flushes all, and nothing of another tenant is dropped.
/// </summary>
public sealed class AccessChangeInvalidationTests : IAsyncLifetime
{
    private PlatformHost _platform = null!;

    private ITenantChangeNotifier Notifier => _platform.Services.GetRequiredService<ITenantChangeNotifier>();

    private ITenantApiKeyStore Store => _platform.Services.GetRequiredService<ITenantApiKeyStore>();

    public async Task InitializeAsync() => _platform = await PlatformHost.SqliteAsync();

    public Task DisposeAsync() => _platform.DisposeAsync().AsTask();

    [Fact]
    public async Task A_reset_from_the_backplane_forgets_every_cached_key_so_a_revocation_missed_meanwhile_is_seen()
    {
        var key = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("ci"));
        (await _platform.Keys.ValidateAsync(key.Token)).Succeeded.Should().BeTrue();
        await Store.RevokeAsync("acme", key.Key.Id, _platform.Time.GetUtcNow()); // Another instance revoked it; its message was lost.
        (await _platform.Keys.ValidateAsync(key.Token)).Succeeded.Should().BeTrue("the cache still holds it");

        Notifier.Publish(TenantChange.Reset("other-instance"));

        (await _platform.Keys.ValidateAsync(key.Token)).Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task A_remote_key_change_evicts_that_key_only_when_it_names_the_keys_own_tenant()
    {
        var key = await _platform.Keys.CreateAsync("globex", new TenantApiKeyRequest("ci"));
        (await _platform.Keys.ValidateAsync(key.Token)).Succeeded.Should().BeTrue();
        await Store.RevokeAsync("globex", key.Key.Id, _platform.Time.GetUtcNow());

        Notifier.Publish(TenantChange.AccessChanged("acme", TenantChange.ApiKeyPrefix + key.Key.Id) with { Origin = "other-instance" });
        Notifier.Publish(TenantChange.AccessChanged("acme") with { Origin = "other-instance" });
        (await _platform.Keys.ValidateAsync(key.Token)).Succeeded.Should().BeTrue("an announcement for acme never drops globex's key");

        Notifier.Publish(TenantChange.AccessChanged("globex", TenantChange.ApiKeyPrefix + key.Key.Id) with { Origin = "other-instance" });
        (await _platform.Keys.ValidateAsync(key.Token)).Succeeded.Should().BeFalse();
    }

    [Fact]
    public async Task Revoking_rotating_and_deleting_keys_announce_an_access_change_of_the_keys_tenant()
    {
        var heard = new List<TenantChange>();
        using var _ = Notifier.Subscribe(heard.Add);
        var first = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("a"));
        var second = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("b"));

        await _platform.Keys.RevokeAsync("acme", first.Key.Id);
        await _platform.Keys.RotateAsync("acme", second.Key.Id, TimeSpan.Zero);
        await _platform.Keys.DeleteAllAsync("acme");

        heard.Should().AllSatisfy(c => { c.Kind.Should().Be(TenantChangeKind.AccessChanged); c.TenantId.Should().Be("acme"); });
        heard.Select(c => string.Join(",", c.Keys)).Should().Equal(TenantChange.ApiKeyPrefix + first.Key.Id, TenantChange.ApiKeyPrefix + second.Key.Id, string.Empty);
    }

    [Fact]
    public async Task A_remote_member_change_evicts_that_users_access_in_that_tenant_only_and_a_reset_evicts_all()
    {
        var members = _platform.Members;
        await members.AddMemberAsync("acme", "alice", null, [TenantRoles.Admin]);
        await members.AddMemberAsync("globex", "alice", null, [TenantRoles.Admin]);
        var acme = await members.GetAccessAsync("acme", "alice");
        var globex = await members.GetAccessAsync("globex", "alice");

        Notifier.Publish(TenantChange.AccessChanged("acme", TenantChange.MemberPrefix + "alice") with { Origin = "other-instance" });

        (await members.GetAccessAsync("acme", "alice")).Should().NotBeSameAs(acme, "acme's entry was read again");
        (await members.GetAccessAsync("globex", "alice")).Should().BeSameAs(globex, "globex's entry is untouched");

        Notifier.Publish(TenantChange.Reset("other-instance"));
        (await members.GetAccessAsync("globex", "alice")).Should().NotBeSameAs(globex);
    }
}
