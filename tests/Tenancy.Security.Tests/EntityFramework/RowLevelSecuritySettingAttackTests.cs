using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Tenancy.EntityFramework;

namespace Tenancy.Security.Tests.EntityFramework;

/// <summary>
/// Issue 7 item 5: the PostgreSQL tenant setting must never outlive the statement or transaction that carried it: not on
/// a pooled connection without reset, not after a failed command, not after a rolled-back savepoint.
/// </summary>
public sealed class RowLevelSecuritySettingAttackTests : IAsyncLifetime
{
    private PostgresAttackDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresAttackDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task A_plain_command_on_a_no_reset_pooled_connection_after_ef_served_A_reads_nothing()
    {
        var leaky = new NpgsqlConnectionStringBuilder(_database.AppConnectionString) { MaxPoolSize = 1, NoResetOnClose = true, ApplicationName = "leaky" }.ConnectionString;
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        await using (var db = new AttackDb(_database.Options(leaky)))
        {
            (await db.Notes.CountAsync()).Should().Be(1);
            db.Notes.Single().Title = "edited";
            await db.SaveChangesAsync();
            (await db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, "bulk"))).Should().Be(1);
        }

        await using var connection = new NpgsqlConnection(leaky);
        await connection.OpenAsync();
        (await PlainCommand.CountAsync(connection, """SELECT count(*) FROM "Notes" """)).Should().Be(0, "no tenant setting survives on the pooled connection");
        (await PlainCommand.CountAsync(connection, """SELECT count(*) FROM "Comments" """)).Should().Be(0);
    }

    [Fact]
    public async Task A_plain_command_on_the_contexts_own_open_connection_reads_nothing_between_ef_commands()
    {
        using var scope = AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme);
        await using var db = new AttackDb(_database.Options());
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        var notices = new List<string>();
        ((NpgsqlConnection)connection).Notice += (_, e) => notices.Add(e.Notice.MessageText);
        (await db.Notes.CountAsync()).Should().Be(1);
        (await PlainCommand.CountAsync(connection, """SELECT count(*) FROM "Notes" """)).Should().Be(0);
        db.Notes.Add(new Note { Title = "a3" });
        await db.SaveChangesAsync();
        (await PlainCommand.CountAsync(connection, """SELECT count(*) FROM "Notes" """)).Should().Be(0);
        notices.Should().BeEmpty("SET LOCAL runs inside the batch's implicit transaction, so PostgreSQL has nothing to warn about");
    }

    [Fact]
    public async Task A_failed_command_leaves_no_previous_tenants_setting_for_the_next_save()
    {
        var single = new NpgsqlConnectionStringBuilder(_database.AppConnectionString) { MaxPoolSize = 1, NoResetOnClose = true, ApplicationName = "single" }.ConnectionString;
        await using var db = new AttackDb(_database.Options(single));
        await db.Database.OpenConnectionAsync();
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        {
            (await db.Notes.CountAsync()).Should().Be(1);
        }

        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Globex))
        {
            await FluentActions.Awaiting(() => db.Database.ExecuteSqlRawAsync("SELECT 1/0")).Should().ThrowAsync<PostgresException>();
            var note = await db.Notes.SingleAsync();
            note.Title = "globex edited";
            await db.SaveChangesAsync();
        }

        db.ChangeTracker.Clear();
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        {
            await FluentActions.Awaiting(() => db.Database.ExecuteSqlRawAsync("SELECT 1/0")).Should().ThrowAsync<PostgresException>();
        }

        (await PlainCommand.CountAsync(db.Database.GetDbConnection(), """SELECT count(*) FROM "Notes" """)).Should().Be(0, "a failed command leaves no setting behind");
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'globex edited' AND "TenantId" = 't-b'""")).Should().Be(1);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 't-a' AND "Title" LIKE 'a%'""")).Should().Be(2);
    }

    [Fact]
    public async Task A_rolled_back_savepoint_never_leaves_a_tenants_setting_in_force()
    {
        await using var db = new AttackDb(_database.Options());
        await db.Database.OpenConnectionAsync();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var connection = db.Database.GetDbConnection();
        await transaction.CreateSavepointAsync("before");
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        {
            (await db.Notes.CountAsync()).Should().Be(1);
        }

        await transaction.RollbackToSavepointAsync("before");
        (await PlainCommand.CountAsync(connection, """SELECT count(*) FROM "Notes" """, transaction.GetDbTransaction())).Should().Be(0);
        await transaction.CommitAsync();
        (await PlainCommand.CountAsync(connection, """SELECT count(*) FROM "Notes" """)).Should().Be(0);
    }

    [Fact]
    public async Task Several_commands_of_one_explicit_transaction_each_carry_their_own_tenant()
    {
        await using var db = new AttackDb(_database.Options());
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
            {
                var note = await db.Notes.SingleAsync();
                note.Title = "acme in tx";
                await db.SaveChangesAsync();
                (await db.Comments.ExecuteUpdateAsync(s => s.SetProperty(c => c.Text, "acme comment"))).Should().Be(1);
            }

            using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Globex))
            {
                (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("b1");
                (await db.Comments.ExecuteDeleteAsync()).Should().Be(1, "globex's comment only");
            }

            await transaction.CommitAsync();
        }

        (await _database.CountAsync("""SELECT count(*) FROM "Comments" WHERE "Text" = 'acme comment' AND "TenantId" = 't-a'""")).Should().Be(1);
        (await _database.CountAsync("""SELECT count(*) FROM "Comments" """)).Should().Be(1);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'acme in tx'""")).Should().Be(1);
    }

    [Fact]
    public async Task Updates_of_several_rows_in_one_save_keep_their_concurrency_checks()
    {
        using var scope = AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme);
        await using var db = new AttackDb(_database.Options());
        var notes = await db.Notes.IgnoreQueryFilters([AttackDb.SoftDelete]).OrderBy(n => n.Title).ToListAsync();
        notes.Should().HaveCount(2);
        notes[0].Title = "x1";
        notes[1].Title = "x2";
        db.Notes.Add(new Note { Title = "x3" });
        await db.SaveChangesAsync();
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" LIKE 'x%' AND "TenantId" = 't-a'""")).Should().Be(3);

        // A row of another tenant, attached as if it were ours, matches nothing: the update is refused, nothing written.
        var globexId = (int)await _database.CountAsync("""SELECT min("Id") FROM "Notes" WHERE "TenantId" = 't-b'""");
        db.ChangeTracker.Clear();
        db.Notes.Attach(new Note { Id = globexId, TenantId = "t-a", Title = "b1" }).Property(n => n.Title).CurrentValue = "stolen";
        db.Notes.Add(new Note { Title = "x4" });
        await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<DbUpdateConcurrencyException>();
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" IN ('stolen', 'x4')""")).Should().Be(0);
    }
}
