using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Scim.Tests.Infrastructure;

namespace Tenancy.Scim.Tests;

/// <summary>Two tenants in every test: the other tenant's directory is unreachable by every route, and the token alone decides the tenant.</summary>
public abstract class ScimIsolationTests(Backend backend, bool identityContext = false) : IAsyncLifetime
{
    private const string PatchDisplayName = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"displayName","value":"hijacked"}]}""";

    protected ScimTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await ScimTestHost.StartAsync(backend, identityContext: identityContext);

    public async Task DisposeAsync() => await Host.DisposeAsync();

    [Fact]
    public async Task Another_tenants_user_is_404_for_get_put_patch_and_delete_and_stays_unchanged()
    {
        var acmeUser = await Host.CreateUserAsync(Host.AcmeToken, "alice@example.com", "ext-alice");

        (await Host.Get(Host.GlobexToken, "/Users/" + acmeUser)).Status.Should().Be(HttpStatusCode.NotFound);
        (await Host.Put(Host.GlobexToken, "/Users/" + acmeUser, """{"userName":"hijacked"}""")).Status.Should().Be(HttpStatusCode.NotFound);
        (await Host.Patch(Host.GlobexToken, "/Users/" + acmeUser, PatchDisplayName)).Status.Should().Be(HttpStatusCode.NotFound);
        (await Host.Delete(Host.GlobexToken, "/Users/" + acmeUser)).Status.Should().Be(HttpStatusCode.NotFound);

        var stored = await Host.Get(Host.AcmeToken, "/Users/" + acmeUser);
        stored.Status.Should().Be(HttpStatusCode.OK);
        stored.Json["displayName"]!.GetValue<string>().Should().Be("alice@example.com");
        stored.ETag.Should().Be("W/\"1\"");
    }

    [Fact]
    public async Task Another_tenants_group_is_404_and_its_members_unchanged()
    {
        var acmeUser = await Host.CreateUserAsync(Host.AcmeToken, "alice@example.com");
        var acmeGroup = await Host.CreateGroupAsync(Host.AcmeToken, "Admins", acmeUser);
        var globexUser = await Host.CreateUserAsync(Host.GlobexToken, "mallory@example.com");

        (await Host.Get(Host.GlobexToken, "/Groups/" + acmeGroup)).Status.Should().Be(HttpStatusCode.NotFound);
        var addMallory = $$"""{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"{{globexUser}}"}]}]}""";
        (await Host.Patch(Host.GlobexToken, "/Groups/" + acmeGroup, addMallory)).Status.Should().Be(HttpStatusCode.NotFound);
        (await Host.Patch(Host.AcmeToken, "/Groups/" + acmeGroup, addMallory)).Status.Should().Be(HttpStatusCode.BadRequest, "another tenant's user is no member candidate");
        var removeAll = """{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"remove","path":"members"}]}""";
        (await Host.Patch(Host.GlobexToken, "/Groups/" + acmeGroup, removeAll)).Status.Should().Be(HttpStatusCode.NotFound);
        (await Host.Delete(Host.GlobexToken, "/Groups/" + acmeGroup)).Status.Should().Be(HttpStatusCode.NotFound);

        var stored = await Host.Get(Host.AcmeToken, "/Groups/" + acmeGroup);
        stored.Json["members"]!.AsArray().Select(m => m!["value"]!.GetValue<string>()).Should().Equal(acmeUser);
    }

    [Fact]
    public async Task Lists_and_filters_show_only_the_callers_tenant_whatever_the_filter_shape()
    {
        var acmeUser = await Host.CreateUserAsync(Host.AcmeToken, "alice@example.com", "ext-1");
        var acmeGroup = await Host.CreateGroupAsync(Host.AcmeToken, "Admins", acmeUser);
        await Host.CreateUserAsync(Host.GlobexToken, "bob@example.com", "ext-2");

        string[] filters =
        [
            "userName eq \"alice@example.com\"", "externalId eq \"ext-1\"", "id eq \"" + acmeUser + "\"", "userName pr",
            "userName eq \"x\" or not (userName eq \"x\")", "groups[value eq \"" + acmeGroup + "\"]", "meta.created gt \"2000-01-01T00:00:00Z\"",
        ];
        foreach (var filter in filters)
        {
            var reply = await Host.Get(Host.GlobexToken, "/Users?filter=" + Uri.EscapeDataString(filter));
            reply.Status.Should().Be(HttpStatusCode.OK, filter);
            reply.Resources.Select(r => r!["userName"]!.GetValue<string>()).Should().NotContain("alice@example.com", filter);
        }

        (await Host.Get(Host.GlobexToken, "/Users")).TotalResults.Should().Be(1);
        (await Host.Get(Host.GlobexToken, "/Groups")).TotalResults.Should().Be(0);
        (await Host.Get(Host.GlobexToken, "/Groups?filter=" + Uri.EscapeDataString("members[value eq \"" + acmeUser + "\"]"))).TotalResults.Should().Be(0);
    }

    [Fact]
    public async Task The_same_userName_may_exist_in_two_tenants()
    {
        var inAcme = await Host.CreateUserAsync(Host.AcmeToken, "shared@example.com");
        var inGlobex = await Host.CreateUserAsync(Host.GlobexToken, "SHARED@example.com");

        inAcme.Should().NotBe(inGlobex);
        (await Host.Get(Host.AcmeToken, "/Users?filter=userName eq \"shared@example.com\"")).Resources.Single()!["id"]!.GetValue<string>().Should().Be(inAcme);
        (await Host.Get(Host.GlobexToken, "/Users?filter=userName eq \"shared@example.com\"")).Resources.Single()!["id"]!.GetValue<string>().Should().Be(inGlobex);
    }

    [Fact]
    public async Task Tenant_headers_hosts_and_bodies_cannot_change_the_tenant_of_the_token()
    {
        await Host.CreateUserAsync(Host.AcmeToken, "alice@example.com");

        var withHeader = await Host.SendAsync(Host.GlobexToken, HttpMethod.Get, "/Users", null, r =>
        {
            r.Headers.Add("X-Tenant", "acme");
            r.Headers.Host = "acme.example.com";
        });
        withHeader.Status.Should().Be(HttpStatusCode.OK);
        withHeader.TotalResults.Should().Be(0);

        var created = await Host.SendAsync(Host.GlobexToken, HttpMethod.Post, "/Users", """{"userName":"bob","tenantId":"t-acme","TenantId":"t-acme"}""", r => r.Headers.Add("X-Tenant", "acme"));
        created.Status.Should().Be(HttpStatusCode.Created);
        (await Host.Get(Host.AcmeToken, "/Users")).TotalResults.Should().Be(1);
        (await Host.Get(Host.GlobexToken, "/Users")).TotalResults.Should().Be(1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer")]
    [InlineData("Bearer scim_0123456789abcdef_notthesecretnotthesecretnotthesecret")]
    [InlineData("Bearer scim_zzzz")]
    [InlineData("Bearer eyJhbGciOiJub25lIn0.eyJ0aWQiOiJ0LWFjbWUifQ.")]
    public async Task Missing_malformed_or_unknown_credentials_are_401_scim_errors_and_change_nothing(string? authorization)
    {
        var reply = await Host.SendRawAsync(HttpMethod.Post, "/Users", """{"userName":"intruder"}""", r =>
        {
            r.Headers.Add("X-Tenant", "acme");
            if (authorization is not null)
            {
                r.Headers.TryAddWithoutValidation("Authorization", authorization);
            }
        });

        reply.Status.Should().Be(HttpStatusCode.Unauthorized);
        reply.ContentType.Should().Be("application/scim+json");
        reply.Json["status"]!.GetValue<string>().Should().Be("401");
        reply.Headers.WwwAuthenticate.Should().NotBeEmpty();
        (await Host.Get(Host.AcmeToken, "/Users")).TotalResults.Should().Be(0);
        (await Host.SendRawAsync(HttpMethod.Get, "/ServiceProviderConfig", null)).Status.Should().Be(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_whose_secret_is_altered_is_refused()
    {
        var token = Host.AcmeToken;
        var altered = token[..^1] + (token[^1] == 'A' ? 'B' : 'A');

        (await Host.Get(altered, "/Users")).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await Host.Get(token, "/Users")).Status.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_suspended_tenants_token_is_403()
    {
        var reply = await Host.Get(Host.InitechToken, "/Users");

        reply.Status.Should().Be(HttpStatusCode.Forbidden);
        reply.ContentType.Should().Be("application/scim+json");
    }

    [Fact]
    public async Task Tokens_rotate_several_active_and_a_revoked_one_is_refused_at_once()
    {
        var second = await Host.Tokens.IssueAsync(Tenants.Acme.Id, "rotation");
        (await Host.Get(second.Token, "/Users")).Status.Should().Be(HttpStatusCode.OK);
        (await Host.Get(Host.AcmeToken, "/Users")).Status.Should().Be(HttpStatusCode.OK);

        var tokens = await Host.Tokens.ListAsync(Tenants.Acme.Id);
        tokens.Should().HaveCount(2);
        tokens.Single(t => t.Id == second.Id).LastUsed.Should().NotBeNull();
        var first = tokens.Single(t => t.Id != second.Id);

        (await Host.Tokens.RevokeAsync(Tenants.Globex.Id, first.Id)).Should().BeFalse("a tenant cannot revoke another tenant's token");
        (await Host.Get(Host.AcmeToken, "/Users")).Status.Should().Be(HttpStatusCode.OK);
        (await Host.Tokens.RevokeAsync(Tenants.Acme.Id, first.Id)).Should().BeTrue();

        (await Host.Get(Host.AcmeToken, "/Users")).Status.Should().Be(HttpStatusCode.Unauthorized);
        (await Host.Get(second.Token, "/Users")).Status.Should().Be(HttpStatusCode.OK);
        (await Host.Tokens.ListAsync(Tenants.Acme.Id)).Single(t => t.Id == first.Id).Revoked.Should().NotBeNull();
    }

    [Fact]
    public async Task Tokens_are_stored_only_as_hashes()
    {
        var issued = await Host.Tokens.IssueAsync(Tenants.Globex.Id, "hash check");
        issued.Token.Should().StartWith("scim_" + issued.Id + "_");
        issued.ToString().Should().NotContain(issued.Token);
        var secret = issued.Token[("scim_" + issued.Id + "_").Length..];
        Convert.FromBase64String(secret.Replace('-', '+').Replace('_', '/') + "=").Should().HaveCount(32, "256 bits of entropy");

        using var scope = Host.App.Services.CreateScope();
        var db = Host.Context(scope.ServiceProvider);
        var hashes = await db.Database.SqlQueryRaw<byte[]>("SELECT \"SecretHash\" AS \"Value\" FROM \"ScimCredentials\"").ToListAsync();
        hashes.Should().HaveCount(4).And.AllSatisfy(h => h.Should().HaveCount(32));
        hashes.Should().Contain(h => h.SequenceEqual(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret))));
    }
}

public sealed class SqliteScimIsolationTests() : ScimIsolationTests(Backend.Sqlite);

/// <summary>The same isolation through an <c>IdentityDbContext</c> that implements <c>ITenantDbContext</c> (<see cref="IdentityScimDb"/>).</summary>
public sealed class SqliteIdentityScimIsolationTests() : ScimIsolationTests(Backend.Sqlite, identityContext: true);

/// <summary>The same isolation through an <c>IdentityDbContext</c> on PostgreSQL with row-level security.</summary>
public sealed class PostgresIdentityScimIsolationTests() : ScimIsolationTests(Backend.Postgres, identityContext: true);

public sealed class PostgresScimIsolationTests() : ScimIsolationTests(Backend.Postgres)
{
    [Fact]
    public async Task Row_level_security_hides_another_tenants_scim_rows_from_raw_sql()
    {
        var acmeUser = await Host.CreateUserAsync(Host.AcmeToken, "alice@example.com");
        await Host.CreateGroupAsync(Host.AcmeToken, "Admins", acmeUser);

        (await Host.Database.CountAsAppAsync(Tenants.Acme.Id, "SELECT count(*) FROM \"ScimUsers\"")).Should().Be(1);
        (await Host.Database.CountAsAppAsync(Tenants.Globex.Id, "SELECT count(*) FROM \"ScimUsers\"")).Should().Be(0);
        (await Host.Database.CountAsAppAsync(Tenants.Globex.Id, "SELECT count(*) FROM \"ScimGroupMembers\"")).Should().Be(0);
        (await Host.Database.CountAsAppAsync(Tenants.Globex.Id, "SELECT count(*) FROM \"ScimProvisioningLog\"")).Should().Be(0);
        (await Host.Database.CountAsAppAsync(Tenants.Acme.Id, "SELECT count(*) FROM \"ScimProvisioningLog\"")).Should().BeGreaterThan(0);
    }
}
