using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Tenancy.EntityFramework;

namespace Tenancy.Security.Tests.EntityFramework;

/// <summary>
/// Issue 15: commands that report row counts (<c>ExecuteUpdate</c>/<c>ExecuteDelete</c>, raw SQL, the setting sent on
/// its own in front of an update save) carry the tenant as a zero-row <c>SELECT WHERE set_config(…) IS NULL</c> instead of a
/// <c>DO</c> block. Whatever the shape, a row count is the tenant's alone, a failure half-way changes nothing, the
/// setting dies with its statement or transaction, and no tenant means no rows.
/// </summary>
public sealed class RowLevelSecurityRowCountAttackTests : IAsyncLifetime
{
    private PostgresAttackDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresAttackDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Raw_sql_updates_count_and_change_only_the_current_tenants_rows()
    {
        using var scope = AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme);
        await using var db = new AttackDb(_database.Options());
        (await db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = 'raw'""")).Should().Be(2, "acme's two notes, the soft-deleted one included; the setting adds nothing to the count");
        (await db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = 'raw2'; DELETE FROM "Comments" """)).Should().Be(3, "two notes and one comment of acme's");
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'raw2' AND "TenantId" = 't-a'""")).Should().Be(2);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 't-b' AND "Title" LIKE 'b%'""")).Should().Be(2);
        (await _database.CountAsync("""SELECT count(*) FROM "Comments" WHERE "TenantId" = 't-b'""")).Should().Be(1);
    }

    [Fact]
    public async Task Bulk_delete_and_update_count_only_the_current_tenants_rows()
    {
        await using var db = new AttackDb(_database.Options());
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Globex))
        {
            (await db.Notes.IgnoreQueryFilters([AttackDb.SoftDelete]).ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, "g"))).Should().Be(2);
            (await db.Comments.ExecuteDeleteAsync()).Should().Be(1);
        }

        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'g' AND "TenantId" = 't-b'""")).Should().Be(2);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'g'""")).Should().Be(2);
        (await _database.CountAsync("""SELECT count(*) FROM "Comments" WHERE "TenantId" = 't-a'""")).Should().Be(1);
    }

    [Fact]
    public async Task Without_a_tenant_bulk_and_raw_writes_touch_nothing()
    {
        AmbientCurrentTenant.Instance.Id.Should().BeNull();
        await using var db = new AttackDb(_database.Options());
        (await db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = 'anon'""")).Should().Be(0);
        (await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Comments" """)).Should().Be(0);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'anon'""")).Should().Be(0);
        (await _database.CountAsync("""SELECT count(*) FROM "Comments" """)).Should().Be(2);
    }

    [Fact]
    public async Task Raw_writes_that_would_give_a_row_to_another_tenant_or_to_none_are_refused_whole()
    {
        var noteId = await _database.CountAsync("""SELECT min("Id") FROM "Notes" WHERE "TenantId" = 't-a'""");
        await using var db = new AttackDb(_database.Options());
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        {
            (await FluentActions.Awaiting(() => db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "TenantId" = 't-b'""")).Should().ThrowAsync<PostgresException>())
                .Which.SqlState.Should().Be("42501");
            (await FluentActions.Awaiting(() => db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "Comments" ("NoteId", "Text", "TenantId") VALUES ({noteId}, 'ok', 't-a'), ({noteId}, 'planted', 't-b')""")).Should().ThrowAsync<PostgresException>())
                .Which.SqlState.Should().Be("42501", "one foreign row refuses the whole statement");
        }

        // No tenant: the setting is emptied, and a row whose tenant column is empty is refused too (NULLIF in WITH CHECK;
        // before issue 15 the empty setting matched the empty column and the orphan row went in).
        AmbientCurrentTenant.Instance.Id.Should().BeNull();
        (await FluentActions.Awaiting(() => db.Database.ExecuteSqlAsync(
            $"""INSERT INTO "Comments" ("NoteId", "Text", "TenantId") VALUES ({noteId}, 'orphan', '')""")).Should().ThrowAsync<PostgresException>())
            .Which.SqlState.Should().Be("42501");
        (await _database.CountAsync("""SELECT count(*) FROM "Comments" """)).Should().Be(2);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 't-b'""")).Should().Be(2);
    }

    [Fact]
    public async Task Rows_without_a_tenant_are_invisible_and_untouchable_to_a_caller_without_a_tenant()
    {
        // Rows whose tenant column is empty (legacy data before a backfill, a row written by an administrator) must not
        // match the emptied setting a tenant-less caller has: USING compares with NULLIF(setting, '') too.
        var noteId = await _database.CountAsync("""SELECT min("Id") FROM "Notes" WHERE "TenantId" = 't-a'""");
        (await _database.CountAsync($"""WITH i AS (INSERT INTO "Comments" ("NoteId", "Text", "TenantId") VALUES ({noteId}, 'orphan', '') RETURNING 1) SELECT count(*) FROM i""")).Should().Be(1);

        await using (var connection = new NpgsqlConnection(_database.AppConnectionString))
        {
            await connection.OpenAsync();
            // The setting as it is after a transaction-local set_config ended: defined, empty.
            await PlainCommand.ExecuteAsync(connection, "SELECT set_config('tenancy.tenant_id', '', false)");
            (await PlainCommand.CountAsync(connection, """SELECT count(*) FROM "Comments" WHERE "TenantId" = ''""")).Should().Be(0);
            (await PlainCommand.ExecuteAsync(connection, """UPDATE "Comments" SET "Text" = 'taken' WHERE "TenantId" = ''""")).Should().Be(0);
            (await PlainCommand.ExecuteAsync(connection, """DELETE FROM "Comments" WHERE "TenantId" = ''""")).Should().Be(0);
        }

        AmbientCurrentTenant.Instance.Id.Should().BeNull();
        await using (var db = new AttackDb(_database.Options()))
        {
            (await db.Database.ExecuteSqlRawAsync("""UPDATE "Comments" SET "Text" = 'taken' WHERE "TenantId" = ''""")).Should().Be(0);
            (await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Comments" WHERE "TenantId" = ''""")).Should().Be(0);
        }

        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        {
            await using var db = new AttackDb(_database.Options());
            (await db.Database.ExecuteSqlRawAsync("""UPDATE "Comments" SET "Text" = 'taken' WHERE "TenantId" = ''""")).Should().Be(0, "a tenant does not see rows without one either");
        }

        (await _database.CountAsync("""SELECT count(*) FROM "Comments" WHERE "TenantId" = '' AND "Text" = 'orphan'""")).Should().Be(1, "the orphan row is as it was");
    }

    [Fact]
    public async Task A_batch_whose_first_statement_fails_changes_nothing_and_the_next_tenant_sees_only_its_rows()
    {
        var single = new NpgsqlConnectionStringBuilder(_database.AppConnectionString) { MaxPoolSize = 1, NoResetOnClose = true, ApplicationName = "rowcount" }.ConnectionString;
        await using (var db = new AttackDb(_database.Options(single)))
        {
            using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
            {
                await FluentActions.Awaiting(() => db.Database.ExecuteSqlRawAsync("""SELECT 1/0; UPDATE "Notes" SET "Title" = 'half'""")).Should().ThrowAsync<PostgresException>();
                await FluentActions.Awaiting(() => db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = 'half'; SELECT 1/0""")).Should().ThrowAsync<PostgresException>();
            }

            using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Globex))
            {
                (await db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = 'globex'""")).Should().Be(2);
            }
        }

        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'half'""")).Should().Be(0, "the batch is one implicit transaction: a failure anywhere undoes it");
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'globex' AND "TenantId" = 't-b'""")).Should().Be(2);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 't-a' AND "Title" LIKE 'a%'""")).Should().Be(2);

        await using var connection = new NpgsqlConnection(single);
        await connection.OpenAsync();
        (await PlainCommand.CountAsync(connection, """SELECT count(*) FROM "Notes" """)).Should().Be(0, "no setting survives on the pooled connection");
        (await PlainCommand.ExecuteAsync(connection, """UPDATE "Notes" SET "Title" = 'leak'""")).Should().Be(0);
    }

    [Fact]
    public async Task A_transaction_rolled_back_half_way_leaves_rows_and_setting_as_they_were()
    {
        await using var db = new AttackDb(_database.Options());
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
            {
                (await db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, "tx"))).Should().Be(1);
            }

            using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Globex))
            {
                await FluentActions.Awaiting(() => db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = 'tx'; SELECT 1/0""")).Should().ThrowAsync<PostgresException>();
            }

            await transaction.RollbackAsync();
        }

        (await PlainCommand.CountAsync(connection, """SELECT count(*) FROM "Notes" """)).Should().Be(0);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'tx'""")).Should().Be(0);
    }

    [Fact]
    public async Task An_update_save_gets_its_own_tenant_only_and_counts_stay_exact()
    {
        await using var db = new AttackDb(_database.Options());
        Note acme;
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        {
            acme = await db.Notes.SingleAsync();
        }

        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Globex))
        {
            // Acme's tracked row, saved while Globex is current: the policy hides it, the count is 0, EF refuses.
            acme.Title = "cross";
            await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<TenantMismatchException>();
        }

        db.ChangeTracker.Clear();
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Globex))
        {
            var globex = await db.Notes.SingleAsync();
            globex.Title = "own";
            db.Notes.Remove(await db.Notes.IgnoreQueryFilters([AttackDb.SoftDelete]).SingleAsync(n => n.IsDeleted));
            (await db.SaveChangesAsync()).Should().Be(2);
        }

        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'cross'""")).Should().Be(0);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 't-b'""")).Should().Be(1);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 't-a'""")).Should().Be(2);
    }

    [Fact]
    public async Task Auto_prepared_statements_serve_each_tenant_only_its_own_rows()
    {
        var prepared = new NpgsqlConnectionStringBuilder(_database.AppConnectionString)
        {
            MaxPoolSize = 1, NoResetOnClose = true, MaxAutoPrepare = 10, AutoPrepareMinUsages = 1, ApplicationName = "prepared",
        }.ConnectionString;
        for (var round = 0; round < 4; round++)
        {
            foreach (var (tenant, title) in new[] { (AttackDatabase.Acme, "a1"), (AttackDatabase.Globex, "b1") })
            {
                using var scope = AmbientCurrentTenant.Instance.Begin(tenant);
                await using var db = new AttackDb(_database.Options(prepared));
                (await db.Notes.Select(n => n.Title).ToListAsync()).Should().ContainSingle().Which.Should().StartWith(title);
                (await db.Notes.IgnoreQueryFilters([AttackDb.SoftDelete]).ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, n => n.Title + "+"))).Should().Be(2);
                (await db.Database.ExecuteSqlRawAsync("""UPDATE "Comments" SET "Text" = "Text" """)).Should().Be(1);
            }
        }

        await using var connection = new NpgsqlConnection(prepared);
        await connection.OpenAsync();
        for (var i = 0; i < 3; i++)
        {
            (await PlainCommand.CountAsync(connection, """SELECT count(*) FROM "Notes" """)).Should().Be(0, "a prepared plan holds no tenant: the policy reads the setting when it runs");
        }

        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" LIKE '%++++' AND "Title" NOT LIKE '%+++++'""")).Should().Be(4, "each tenant's two notes, once per round");
    }
}
