using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Members;
using static Tenancy.Platform.Tests.ApiKeys.ApiKeyAuthenticationTests;

namespace Tenancy.Platform.Tests.Members;

public sealed class MembershipTests : IAsyncLifetime
{
    private readonly FakeRoleSource _scim = new();
    private PlatformApp _app = null!;

    public async Task InitializeAsync() => _app = await PlatformApp.StartAsync(services: s => s.AddSingleton<ITenantRoleSource>(_scim));

    public Task DisposeAsync() => _app.DisposeAsync().AsTask();

    [Fact]
    public async Task A_role_in_one_tenant_grants_nothing_in_another()
    {
        await _app.Members.AddMemberAsync("acme", "alice", "alice@example.com", [TenantRoles.Admin]);

        (await _app.Client.SendAsync(Get("/admin", ("X-User", "alice"), ("X-Tenant", "acme")))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.Client.SendAsync(Get("/admin", ("X-User", "alice"), ("X-Tenant", "globex")))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _app.Client.SendAsync(Get("/data", ("X-User", "alice"), ("X-Tenant", "globex")))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _app.Client.SendAsync(Get("/admin", ("X-User", "mallory"), ("X-Tenant", "acme")))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _app.Client.SendAsync(Get("/admin", ("X-Tenant", "acme")))).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_user_may_hold_different_roles_in_several_tenants()
    {
        await _app.Members.AddMemberAsync("acme", "alice", null, [TenantRoles.Owner]);
        await _app.Members.AddMemberAsync("globex", "alice", null, [TenantRoles.Viewer]);

        (await _app.Client.SendAsync(Get("/admin", ("X-User", "alice"), ("X-Tenant", "acme")))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.Client.SendAsync(Get("/admin", ("X-User", "alice"), ("X-Tenant", "globex")))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _app.Client.SendAsync(Get("/data", ("X-User", "alice"), ("X-Tenant", "globex")))).StatusCode.Should().Be(HttpStatusCode.OK);
        var store = _app.Services.GetRequiredService<ITenantMemberStore>();
        (await store.ListMembershipsAsync("alice")).Select(m => (m.TenantId, string.Join(',', m.Roles))).Should().Equal(("acme", "owner"), ("globex", "viewer"));
    }

    [Fact]
    public async Task A_role_change_takes_effect_at_once_despite_the_cache()
    {
        await _app.Members.AddMemberAsync("acme", "owner1", null, [TenantRoles.Owner]);
        await _app.Members.AddMemberAsync("acme", "bob", null, [TenantRoles.Admin]);
        (await _app.Client.SendAsync(Get("/admin", ("X-User", "bob"), ("X-Tenant", "acme")))).StatusCode.Should().Be(HttpStatusCode.OK);

        (await _app.Members.SetRolesAsync("acme", "bob", [TenantRoles.Viewer])).Should().Be(MembershipChange.Done);
        (await _app.Client.SendAsync(Get("/admin", ("X-User", "bob"), ("X-Tenant", "acme")))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        (await _app.Members.RemoveMemberAsync("acme", "bob")).Should().Be(MembershipChange.Done);
        (await _app.Client.SendAsync(Get("/data", ("X-User", "bob"), ("X-Tenant", "acme")))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_last_owner_can_be_neither_demoted_nor_removed()
    {
        await _app.Members.AddMemberAsync("acme", "alice", null, [TenantRoles.Owner]);
        await _app.Members.AddMemberAsync("acme", "bob", null, [TenantRoles.Owner]);

        (await _app.Members.SetRolesAsync("acme", "bob", [TenantRoles.Admin])).Should().Be(MembershipChange.Done);
        (await _app.Members.SetRolesAsync("acme", "alice", [TenantRoles.Admin])).Should().Be(MembershipChange.LastOwner);
        (await _app.Members.RemoveMemberAsync("acme", "alice")).Should().Be(MembershipChange.LastOwner);
        (await _app.Members.RemoveMemberAsync("acme", "nobody")).Should().Be(MembershipChange.NotFound);
        (await _app.Members.ListMembersAsync("acme")).Single(m => m.UserId == "alice").Roles.Should().Equal(TenantRoles.Owner);
    }

    [Fact]
    public async Task Tenant_defined_roles_grant_their_permissions_only_in_their_tenant()
    {
        await _app.Members.DefineRoleAsync("acme", new TenantRole("auditor", [TenantPermissions.DataRead, "reports.read"]));
        await _app.Members.AddMemberAsync("acme", "carol", null, ["auditor"]);

        (await _app.Members.GetAccessAsync("acme", "carol")).HasPermission("reports.read").Should().BeTrue();
        await FluentActions.Awaiting(() => _app.Members.AddMemberAsync("globex", "carol", null, ["auditor"])).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _app.Members.DefineRoleAsync("acme", new TenantRole("owner", ["*"]))).Should().ThrowAsync<ArgumentException>();
        (await _app.Members.GetAccessAsync("globex", "carol")).IsMember.Should().BeFalse();
    }

    [Fact]
    public async Task An_extra_role_source_feeds_the_same_role_model_per_tenant()
    {
        _scim.Roles[("acme", "dave")] = [TenantRoles.Admin];

        (await _app.Client.SendAsync(Get("/admin", ("X-User", "dave"), ("X-Tenant", "acme")))).StatusCode.Should().Be(HttpStatusCode.OK);
        (await _app.Client.SendAsync(Get("/admin", ("X-User", "dave"), ("X-Tenant", "globex")))).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        _scim.Roles.Clear();
        _app.Members.Invalidate("acme", "dave");
        (await _app.Client.SendAsync(Get("/admin", ("X-User", "dave"), ("X-Tenant", "acme")))).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_invitation_is_accepted_once_in_its_own_tenant_only()
    {
        var invitation = await _app.Members.InviteAsync("acme", "Erin@Example.com", TenantRoles.Member, "alice");
        invitation.Invitation.Email.Should().Be("erin@example.com");

        (await _app.Members.AcceptAsync("globex", invitation.Token, "erin")).Should().BeNull("a token works only in its tenant");
        (await _app.Members.AcceptAsync("acme", invitation.Token[..^2] + "AA", "erin")).Should().BeNull();
        var member = await _app.Members.AcceptAsync("acme", invitation.Token, "erin");
        member!.Roles.Should().Equal(TenantRoles.Member);
        (await _app.Members.AcceptAsync("acme", invitation.Token, "mallory")).Should().BeNull("a token works once");
        (await _app.Members.GetAccessAsync("acme", "mallory")).IsMember.Should().BeFalse();
        (await _app.Members.GetAccessAsync("globex", "erin")).IsMember.Should().BeFalse();
    }

    [Fact]
    public async Task Concurrent_accepts_of_one_invitation_admit_one_user()
    {
        var invitation = await _app.Members.InviteAsync("acme", "team@example.com", TenantRoles.Member);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() => _app.Members.AcceptAsync("acme", invitation.Token, "user" + i))));

        results.Count(r => r is not null).Should().Be(1);
        (await _app.Members.ListMembersAsync("acme")).Should().ContainSingle();
    }

    [Fact]
    public async Task Expired_revoked_and_resent_invitations_refuse_their_old_tokens()
    {
        var expiring = await _app.Members.InviteAsync("acme", "a@example.com", TenantRoles.Viewer);
        var revoked = await _app.Members.InviteAsync("acme", "b@example.com", TenantRoles.Viewer);
        var resent = await _app.Members.InviteAsync("acme", "c@example.com", TenantRoles.Viewer);
        (await _app.Members.RevokeInvitationAsync("acme", revoked.Invitation.Id)).Should().BeTrue();
        (await _app.Members.RevokeInvitationAsync("globex", resent.Invitation.Id)).Should().BeFalse("another tenant's invitation");
        var renewed = await _app.Members.ResendAsync("acme", resent.Invitation.Id);

        (await _app.Members.AcceptAsync("acme", revoked.Token, "b")).Should().BeNull();
        (await _app.Members.AcceptAsync("acme", resent.Token, "c")).Should().BeNull("the old token was replaced");
        (await _app.Members.AcceptAsync("acme", renewed!.Token, "c")).Should().NotBeNull();
        _app.Time.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));
        (await _app.Members.AcceptAsync("acme", expiring.Token, "a")).Should().BeNull();
        (await _app.Members.ListInvitationsAsync("globex")).Should().BeEmpty();
    }

    [Fact]
    public async Task Deleting_a_tenants_members_leaves_the_other_tenant()
    {
        await _app.Members.AddMemberAsync("acme", "alice", null, [TenantRoles.Owner]);
        await _app.Members.AddMemberAsync("globex", "alice", null, [TenantRoles.Owner]);
        await _app.Members.InviteAsync("acme", "x@example.com", TenantRoles.Viewer);
        await _app.Members.DefineRoleAsync("acme", new TenantRole("custom", ["x"]));

        (await _app.Members.DeleteAllAsync("acme")).Should().Be(3);

        (await _app.Members.GetAccessAsync("acme", "alice")).IsMember.Should().BeFalse();
        (await _app.Members.GetAccessAsync("globex", "alice")).HasRole(TenantRoles.Owner).Should().BeTrue();
        (await _app.Database.ScalarAsAdminAsync("SELECT count(*) FROM TenantUserIndex WHERE TenantId = 'acme'")).Should().Be(0);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_clear_errors()
    {
        await FluentActions.Awaiting(() => _app.Members.InviteAsync("acme", "not an address", TenantRoles.Viewer)).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _app.Members.InviteAsync("acme", "a@example.com", "emperor")).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _app.Members.AddMemberAsync("acme", "", null, [TenantRoles.Viewer])).Should().ThrowAsync<ArgumentException>();
        await FluentActions.Awaiting(() => _app.Members.AddMemberAsync("acme", "x", null, [])).Should().ThrowAsync<ArgumentException>();
        (await _app.Members.AcceptAsync("acme", "garbage", "x")).Should().BeNull();
        (await _app.Members.ListMembersAsync("acme")).Should().BeEmpty();
    }

    private sealed class FakeRoleSource : ITenantRoleSource
    {
        public Dictionary<(string, string), string[]> Roles { get; } = [];

        public string Name => "scim-groups";

        public ValueTask<IReadOnlyCollection<string>> GetRolesAsync(string tenantId, string userId, CancellationToken cancellationToken = default) =>
            new(Roles.TryGetValue((tenantId, userId), out var roles) ? roles : []);
    }
}
