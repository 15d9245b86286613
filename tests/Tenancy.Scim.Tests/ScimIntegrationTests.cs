using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Scim.Events;
using Tenancy.Scim.Provisioning;
using Tenancy.Scim.Roles;
using Tenancy.Scim.Tests.Infrastructure;

namespace Tenancy.Scim.Tests;

/// <summary>What the host application gets: events, the provisioning log, group→role mapping, just-in-time provisioning.</summary>
public abstract class ScimIntegrationTests(Backend backend) : IAsyncLifetime
{
    protected ScimTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ScimTestHost.StartAsync(backend);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Events_are_raised_after_each_change_with_the_tenant_current_and_no_password()
    {
        var created = await Host.Post(Host.AcmeToken, "/Users", """{"userName":"eve@example.com","password":"S3cret!pass","active":true}""");
        var id = created.Id;
        await Host.Patch(Host.AcmeToken, "/Users/" + id, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
        await Host.Patch(Host.AcmeToken, "/Users/" + id, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","value":{"active":true}}]}""");
        var group = await Host.CreateGroupAsync(Host.AcmeToken, "Admins");
        await Host.Patch(Host.AcmeToken, "/Groups/" + group, $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{id}}"}]}]}""");
        await Host.Delete(Host.AcmeToken, "/Users/" + id);
        await Host.CreateUserAsync(Host.GlobexToken, "other@example.com");

        var events = Host.Sink.Events.ToList();
        events.Select(e => e.Event.Kind).Should().Equal(
            ScimEventKind.UserCreated, ScimEventKind.UserDeactivated, ScimEventKind.UserReactivated, ScimEventKind.GroupCreated,
            ScimEventKind.GroupMembershipChanged, ScimEventKind.UserDeleted, ScimEventKind.UserCreated);
        events.Take(6).Should().AllSatisfy(e => { e.Event.TenantId.Should().Be(Tenants.Acme.Id); e.CurrentTenant.Should().Be(Tenants.Acme.Id); });
        events[^1].Event.TenantId.Should().Be(Tenants.Globex.Id);
        events[0].Event.Name.Should().Be("eve@example.com");
        events.Should().AllSatisfy(e => (e.Event.Attributes?.ToJsonString() ?? "").Should().NotContain("S3cret"));
    }

    [Fact]
    public async Task The_provisioning_log_records_writes_and_failures_per_tenant_without_secrets()
    {
        var created = await Host.Post(Host.AcmeToken, "/Users", """{"userName":"log@example.com","password":"Hunter2!Hunter2"}""");
        await Host.Post(Host.AcmeToken, "/Users", """{"userName":"LOG@example.com"}""");
        await Host.Get(Host.AcmeToken, "/Users?filter=bad filter");
        await Host.Patch(Host.AcmeToken, "/Users/" + created.Id, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"password","value":"N3w!Secret"}]}""");

        using var scope = Host.App.Services.CreateScope();
        var current = scope.ServiceProvider.GetRequiredService<ICurrentTenant>();
        IReadOnlyList<ScimProvisioningEntry> entries;
        using (current.Begin(Tenants.Acme))
        {
            entries = await scope.ServiceProvider.GetRequiredService<IScimProvisioningLog>().ListAsync();
        }

        entries.Should().HaveCount(4);
        entries.Select(e => e.Status).Should().Equal(200, 400, 409, 201);
        entries[1].ScimType.Should().Be("invalidFilter");
        entries[2].ScimType.Should().Be("uniqueness");
        entries[0].Summary.Should().Contain("replace password");
        entries.Should().AllSatisfy(e => (e.Summary + e.Error).Should().NotContain("Hunter2").And.NotContain("N3w!Secret"));
        using (current.Begin(Tenants.Globex))
        {
            (await scope.ServiceProvider.GetRequiredService<IScimProvisioningLog>().ListAsync()).Should().BeEmpty();
        }
    }

    [Fact]
    public async Task Effective_roles_come_from_mapped_groups_by_id_or_name_per_tenant()
    {
        var alice = await Host.CreateUserAsync(Host.AcmeToken, "alice@example.com", "oid-alice");
        var admins = await Host.CreateGroupAsync(Host.AcmeToken, "Admins", alice);
        await Host.CreateGroupAsync(Host.AcmeToken, "Billing Team", alice);
        var globexBob = await Host.CreateUserAsync(Host.GlobexToken, "bob@example.com");
        await Host.CreateGroupAsync(Host.GlobexToken, "Admins", globexBob);

        using var scope = Host.App.Services.CreateScope();
        var current = scope.ServiceProvider.GetRequiredService<ICurrentTenant>();
        var roles = scope.ServiceProvider.GetRequiredService<IScimRoleMappings>();
        using (current.Begin(Tenants.Acme))
        {
            await roles.MapGroupIdAsync(admins, "admin");
            await roles.MapGroupNameAsync("billing team", "billing");
            await roles.MapGroupNameAsync("billing team", "billing");
            (await roles.GetEffectiveRolesAsync(alice)).Should().Equal("admin", "billing");
            (await roles.GetEffectiveRolesAsync("ALICE@example.com")).Should().Equal("admin", "billing");
            (await roles.GetEffectiveRolesAsync("oid-alice")).Should().Equal("admin", "billing");
            (await roles.GetEffectiveRolesAsync(globexBob)).Should().BeEmpty("another tenant's user");
        }

        using (current.Begin(Tenants.Globex))
        {
            (await roles.GetEffectiveRolesAsync(globexBob)).Should().BeEmpty("mappings are per tenant");
        }

        await Host.Patch(Host.AcmeToken, "/Users/" + alice, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false}]}""");
        using (current.Begin(Tenants.Acme))
        {
            (await roles.GetEffectiveRolesAsync(alice)).Should().BeEmpty("a deactivated user has no roles");
        }
    }

    [Fact]
    public async Task Just_in_time_upsert_matches_by_externalId_then_userName_without_duplicates()
    {
        var scimUser = await Host.CreateUserAsync(Host.AcmeToken, "carol@example.com");
        using var scope = Host.App.Services.CreateScope();
        var current = scope.ServiceProvider.GetRequiredService<ICurrentTenant>();
        var jit = scope.ServiceProvider.GetRequiredService<IScimJitProvisioner>();
        using (current.Begin(Tenants.Acme))
        {
            var byName = await jit.UpsertAsync(new ScimJitUser("CAROL@example.com", "oid-carol") { DisplayName = "Carol" });
            byName.Should().Be((scimUser, false));
            var byExternalId = await jit.UpsertAsync(new ScimJitUser("carol.renamed@example.com", "oid-carol"));
            byExternalId.Should().Be((scimUser, false));
            var fresh = await jit.UpsertAsync(new ScimJitUser("dave@example.com", "oid-dave") { Email = "dave@example.com", GivenName = "Dave" });
            fresh.Created.Should().BeTrue();
            (await jit.UpsertAsync(new ScimJitUser("dave@example.com", "oid-dave"))).Should().Be((fresh.Id, false));
        }

        (await Host.Get(Host.AcmeToken, "/Users")).TotalResults.Should().Be(2);
        var carol = await Host.Get(Host.AcmeToken, "/Users/" + scimUser);
        carol.Json["externalId"]!.GetValue<string>().Should().Be("oid-carol");
        carol.Json["displayName"]!.GetValue<string>().Should().Be("Carol");
        (await Host.Get(Host.GlobexToken, "/Users")).TotalResults.Should().Be(0);
        var act = async () => await jit.UpsertAsync(new ScimJitUser("x@example.com", null));
        await act.Should().ThrowAsync<TenantNotResolvedException>("JIT needs a current tenant");
    }
}

public sealed class SqliteScimIntegrationTests() : ScimIntegrationTests(Backend.Sqlite);

public sealed class PostgresScimIntegrationTests() : ScimIntegrationTests(Backend.Postgres);

public sealed class ScimKestrelTests
{
    [Fact]
    public async Task The_protocol_works_over_kestrel_on_loopback()
    {
        await using var host = await ScimTestHost.StartAsync(Backend.Sqlite, kestrel: true);

        var id = await host.CreateUserAsync(host.AcmeToken, "kestrel@example.com");
        var patch = await host.Patch(host.AcmeToken, "/Users/" + id, """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"Replace","path":"active","value":"False"}]}""");
        var big = await host.Post(host.AcmeToken, "/Users", "{\"userName\":\"" + new string('a', 2 * 1024 * 1024) + "\"}");

        patch.Status.Should().Be(HttpStatusCode.OK);
        patch.Json["meta"]!["location"]!.GetValue<string>().Should().StartWith("http://127.0.0.1:");
        big.Status.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        (await host.Get(host.GlobexToken, "/Users/" + id)).Status.Should().Be(HttpStatusCode.NotFound);
        (await host.SendRawAsync(HttpMethod.Get, "/Users", null)).Status.Should().Be(HttpStatusCode.Unauthorized);
    }
}
