using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tenancy.ApiKeys;
using Tenancy.Audit;
using Tenancy.EntityFramework.Platform;
using Tenancy.Members;

namespace Tenancy.Platform.Tests.PostgreSql;

/// <summary>The platform stores on PostgreSQL as a least-privilege application role, with row-level security on.</summary>
public sealed class PostgresPlatformTests : IAsyncLifetime
{
    private PlatformHost _platform = null!;

    public async Task InitializeAsync() => _platform = await PlatformHost.PostgresAsync();

    public Task DisposeAsync() => _platform.DisposeAsync().AsTask();

    [Fact]
    public async Task Api_keys_work_under_row_level_security_and_stay_in_their_tenant()
    {
        var acme = await _platform.Keys.CreateAsync("acme", new TenantApiKeyRequest("a"));
        var globex = await _platform.Keys.CreateAsync("globex", new TenantApiKeyRequest("g"));

        (await _platform.Keys.ValidateAsync(acme.Token)).Key!.TenantId.Should().Be("acme");
        (await _platform.Keys.ValidateAsync(globex.Token)).Key!.TenantId.Should().Be("globex");
        (await _platform.Keys.ListAsync("acme")).Select(k => k.Id).Should().Equal(acme.Key.Id);
        (await _platform.Keys.RevokeAsync("globex", acme.Key.Id)).Should().BeFalse();
        (await _platform.Keys.ValidateAsync(acme.Token)).Succeeded.Should().BeTrue();
        (await AppCountAsync("""SELECT count(*) FROM "TenantApiKeys" """)).Should().Be(0, "raw SQL as the application role without a tenant sees no key rows");
        (await AppCountAsync("""SELECT count(*) FROM "TenantApiKeys" """, "acme")).Should().Be(1);
    }

    [Fact]
    public async Task The_application_role_can_only_insert_and_read_the_audit_log()
    {
        await _platform.Audit.WriteAsync("acme", new AuditEvent("x.happened"));

        foreach (var sql in new[] { """UPDATE "TenantAuditLog" SET "Action" = 'y'""", """DELETE FROM "TenantAuditLog" """, """TRUNCATE "TenantAuditLog" """ })
        {
            var failure = await FluentActions.Awaiting(() => AppCountAsync(sql, "acme")).Should().ThrowAsync<PostgresException>();
            failure.Which.SqlState.Should().Be(PostgresErrorCodes.InsufficientPrivilege, sql);
        }

        (await AppCountAsync("""SELECT count(*) FROM "TenantAuditLog" """, "acme")).Should().Be(1);
        (await AppCountAsync("""SELECT count(*) FROM "TenantAuditLog" """, "globex")).Should().Be(0, "row-level security by tenant");
        (await _platform.Audit.VerifyAsync("acme")).IsIntact.Should().BeTrue();
    }

    [Fact]
    public async Task Concurrent_appends_on_postgresql_form_one_chain_per_tenant()
    {
        await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => _platform.Audit.WriteAsync(i % 2 == 0 ? "acme" : "globex", new AuditEvent("parallel", "n" + i)))));

        foreach (var tenant in new[] { "acme", "globex" })
        {
            var verification = await _platform.Audit.VerifyAsync(tenant);
            verification.IsIntact.Should().BeTrue(verification.Problem);
            verification.EntriesChecked.Should().Be(30);
        }
    }

    [Fact]
    public async Task Tampering_by_the_database_owner_is_detected()
    {
        for (var i = 0; i < 3; i++)
        {
            await _platform.Audit.WriteAsync("acme", new AuditEvent("order.created", "order:" + i));
        }

        await _platform.Database.ExecuteAsAdminAsync("""UPDATE "TenantAuditLog" SET "Outcome" = 1 WHERE "Sequence" = 2""");

        (await _platform.Audit.VerifyAsync("acme")).FirstBrokenSequence.Should().Be(2);
    }

    [Fact]
    public async Task Two_owners_demoted_at_once_leave_one_owner()
    {
        await _platform.Members.AddMemberAsync("acme", "alice", null, [TenantRoles.Owner]);
        await _platform.Members.AddMemberAsync("acme", "bob", null, [TenantRoles.Owner]);

        for (var round = 0; round < 5; round++)
        {
            var results = await Task.WhenAll(
                Task.Run(() => _platform.Members.SetRolesAsync("acme", "alice", [TenantRoles.Admin])),
                Task.Run(() => _platform.Members.SetRolesAsync("acme", "bob", [TenantRoles.Admin])));

            results.Should().Contain(MembershipChange.LastOwner);
            (await _platform.Members.ListMembersAsync("acme")).Count(m => m.Roles.Contains(TenantRoles.Owner)).Should().Be(1);
            await _platform.Members.SetRolesAsync("acme", "alice", [TenantRoles.Owner]);
            await _platform.Members.SetRolesAsync("acme", "bob", [TenantRoles.Owner]);
        }
    }

    [Fact]
    public async Task Members_and_invitations_stay_in_their_tenant_under_row_level_security()
    {
        await _platform.Members.AddMemberAsync("acme", "alice", null, [TenantRoles.Owner]);
        var invitation = await _platform.Members.InviteAsync("acme", "bob@example.com", TenantRoles.Member);

        (await _platform.Members.AcceptAsync("globex", invitation.Token, "bob")).Should().BeNull();
        (await _platform.Members.ListMembersAsync("globex")).Should().BeEmpty();
        (await _platform.Members.GetAccessAsync("globex", "alice")).IsMember.Should().BeFalse();
        (await AppCountAsync("""SELECT count(*) FROM "TenantMembers" """)).Should().Be(0);
        (await AppCountAsync("""SELECT count(*) FROM "TenantInvitations" """, "globex")).Should().Be(0);
        (await _platform.Members.AcceptAsync("acme", invitation.Token, "bob")).Should().NotBeNull();
    }

    /// <summary>Raw SQL as the application role, with the tenant setting as the RLS policies read it.</summary>
    private async Task<long> AppCountAsync(string sql, string? tenant = null)
    {
        await using var connection = new NpgsqlConnection(_platform.Database.AppConnectionString);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand("SELECT set_config('tenancy.tenant_id', @t, false)", connection))
        {
            set.Parameters.AddWithValue("t", tenant ?? string.Empty);
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? 0 : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }
}
