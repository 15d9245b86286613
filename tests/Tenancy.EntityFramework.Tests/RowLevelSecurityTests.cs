using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tenancy.EntityFramework.Data;

namespace Tenancy.EntityFramework.Tests;

public sealed class RowLevelSecurityTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        await _database.SeedAsync(Tenants.Acme, "a1", "a2");
        await _database.SeedAsync(Tenants.Globex, "g1");
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    // One step per fact (issue 8): query, update, delete, bulk update under row-level security, each on its own seeded
    // database, each checked from the superuser's side too.
    [Fact]
    public async Task Linq_queries_under_row_level_security_return_the_current_tenants_rows_and_their_children()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        await using var db = _database.App();

        var titles = await db.Notes.OrderBy(n => n.Title).Select(n => n.Title).ToListAsync();
        var comments = await db.Comments.CountAsync();

        titles.Should().Equal("a1", "a2");
        comments.Should().Be(2);
    }

    [Fact]
    public async Task An_update_saved_under_row_level_security_changes_the_current_tenants_row_only()
    {
        using (Tenants.Begin(Tenants.Acme))
        await using (var db = _database.App())
        {
            (await db.Notes.SingleAsync(n => n.Title == "a1")).Title = "a1!";
            (await db.SaveChangesAsync()).Should().Be(1);
        }

        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 'acme' AND "Title" = 'a1!'""")).Should().Be(1);
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 'globex' AND "Title" = 'g1'""")).Should().Be(1);
    }

    [Fact]
    public async Task A_delete_saved_under_row_level_security_removes_the_current_tenants_note_and_its_comments_only()
    {
        using (Tenants.Begin(Tenants.Acme))
        await using (var db = _database.App())
        {
            db.Notes.Remove(await db.Notes.Include(n => n.Comments).SingleAsync(n => n.Title == "a2"));
            await db.SaveChangesAsync();
        }

        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 'acme'""")).Should().Be(1);
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Comments" WHERE "TenantId" = 'acme'""")).Should().Be(1);
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 'globex'""")).Should().Be(1);
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Comments" WHERE "TenantId" = 'globex'""")).Should().Be(1);
    }

    [Fact]
    public async Task ExecuteUpdate_under_row_level_security_changes_the_current_tenants_rows_only()
    {
        using (Tenants.Begin(Tenants.Acme))
        await using (var db = _database.App())
        {
            (await db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, n => n.Title + "?"))).Should().Be(2);
            (await db.Notes.OrderBy(n => n.Title).Select(n => n.Title).ToListAsync()).Should().Equal("a1?", "a2?");
        }

        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'g1'""")).Should().Be(1);
    }

    [Fact]
    public async Task Mixed_save_batches_keep_their_concurrency_checks_under_row_level_security()
    {
        int globexId;
        using (Tenants.Begin(Tenants.Globex))
        await using (var db = _database.App())
        {
            globexId = (await db.Notes.SingleAsync()).Id;
        }

        using var scope = Tenants.Begin(Tenants.Acme);
        await using (var db = _database.App())
        {
            db.Notes.Add(new Note { Title = "a3" });
            db.Notes.Update(new Note { Id = globexId, TenantId = "acme", Title = "stolen" });
            await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<DbUpdateConcurrencyException>();
        }

        await using (var db = _database.App())
        {
            db.Notes.Add(new Note { Title = "a3" });
            (await db.Notes.SingleAsync(n => n.Title == "a1")).Title = "a1 edited";
            (await db.SaveChangesAsync()).Should().Be(2);
        }

        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'g1'""")).Should().Be(1);
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 'acme'""")).Should().Be(3);
    }

    [Fact]
    public async Task Export_and_deletion_of_one_tenant_work_under_row_level_security_and_leave_the_other()
    {
        await using (var db = _database.App())
        {
            using var stream = new MemoryStream();
            (await db.ExportTenantDataAsync(Tenants.Acme, stream))["Note"].Should().Be(2);
            System.Text.Encoding.UTF8.GetString(stream.ToArray()).Should().Contain("a1").And.NotContain("g1");

            var deleted = await db.DeleteTenantDataAsync(Tenants.Acme);
            deleted["Note"].Should().Be(2);
            deleted["Comment"].Should().Be(2);
        }

        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 'acme'""")).Should().Be(0);
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 'globex'""")).Should().Be(1);
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Comments" WHERE "TenantId" = 'globex'""")).Should().Be(1);
    }

    [Fact]
    public async Task Readers_see_only_the_applications_results_never_the_tenant_setting_sent_before_them()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        await using var db = _database.App();

        // The tenant travels as a SELECT in front of each reader; its one-row result must be skipped on both paths.
        var asynchronous = await db.Database.SqlQueryRaw<string>("""SELECT 'mine' AS "Value" UNION ALL SELECT 'also mine'""").ToListAsync();
        var synchronous = db.Database.SqlQueryRaw<string>("""SELECT 'mine' AS "Value" """).ToList();
        var empty = await db.Database.SqlQueryRaw<string>("""SELECT "Title" AS "Value" FROM "Notes" WHERE false""").ToListAsync();

        asynchronous.Should().Equal("mine", "also mine");
        synchronous.Should().Equal("mine");
        empty.Should().BeEmpty();
    }

    [Fact]
    public async Task Row_counts_under_row_level_security_count_only_the_applications_statement()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        await using var db = _database.App();

        var changed = await db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = "Title" """);

        changed.Should().Be(2, "acme has two notes; the tenant setting adds no count");
    }

    [Fact]
    public async Task Raw_sql_reads_only_the_current_tenants_rows()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        await using var db = _database.App();

        var titles = await db.Database.SqlQueryRaw<string>("""SELECT "Title" AS "Value" FROM "Notes" ORDER BY 1""").ToListAsync();
        var everyTenant = await db.Database.SqlQueryRaw<long>("""SELECT count(*) AS "Value" FROM "Notes" WHERE "TenantId" = 'globex'""").SingleAsync();

        titles.Should().Equal("a1", "a2");
        everyTenant.Should().Be(0);
    }

    // Each raw-SQL attack on another tenant's rows is its own fact, so a failure names the attack.
    [Fact]
    public async Task Raw_sql_cannot_update_another_tenants_rows()
    {
        var changed = await AsAcmeAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = 'stolen' WHERE "TenantId" = 'globex'"""));

        changed.Should().Be(0);
        await GlobexIsUntouchedAsync();
    }

    [Fact]
    public async Task Raw_sql_cannot_delete_another_tenants_rows()
    {
        var deleted = await AsAcmeAsync(db => db.Database.ExecuteSqlRawAsync("""DELETE FROM "Comments" WHERE "TenantId" = 'globex'"""));

        deleted.Should().Be(0);
        await GlobexIsUntouchedAsync();
    }

    [Fact]
    public async Task Raw_sql_cannot_plant_a_row_for_another_tenant()
    {
        var plant = () => AsAcmeAsync(db => db.Database.ExecuteSqlRawAsync("""INSERT INTO "Notes" ("TenantId", "Title", "IsDeleted") VALUES ('globex', 'planted', false)"""));

        (await plant.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("42501", "the policy's WITH CHECK refuses rows of another tenant");
        await GlobexIsUntouchedAsync();
    }

    [Fact]
    public async Task Raw_sql_cannot_move_the_current_tenants_row_to_another_tenant()
    {
        var move = () => AsAcmeAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "TenantId" = 'globex' WHERE "Title" = 'a1'"""));

        (await move.Should().ThrowAsync<PostgresException>()).Which.SqlState.Should().Be("42501");
        await GlobexIsUntouchedAsync();
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 'acme' AND "Title" = 'a1'""")).Should().Be(1);
    }

    [Fact]
    public async Task A_plain_command_on_the_contexts_connection_sees_nothing_even_after_ef_commands()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        await using var db = _database.App();
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();

        (await CountNotesAsync(connection)).Should().Be(0, "before any EF command the setting is unset, so the policy admits nothing");

        _ = await db.Notes.CountAsync();
        (await CountNotesAsync(connection)).Should().Be(0, "the setting is transaction-scoped: it ended with the EF command that carried it");
        (await ScalarAsync(connection, """SELECT count(*) FROM "Notes" WHERE "TenantId" = 'globex'""")).Should().Be(0);
    }

    [Fact]
    public async Task Raw_sql_without_a_tenant_sees_no_tenant_rows()
    {
        await using var db = _database.App();

        var count = await db.Database.SqlQueryRaw<long>("""SELECT count(*) AS "Value" FROM "Notes" """).SingleAsync();
        (await db.Database.ExecuteSqlRawAsync("""DELETE FROM "Comments" """)).Should().Be(0);

        count.Should().Be(0);
    }

    [Fact]
    public async Task A_pooled_connection_used_by_one_tenant_then_another_never_shows_the_first()
    {
        var single = new NpgsqlConnectionStringBuilder(_database.AppConnectionString) { MaxPoolSize = 1, ApplicationName = "rls-pool" }.ConnectionString;
        int firstProcess;
        using (Tenants.Begin(Tenants.Acme))
        await using (var db = _database.App(single))
        {
            (await db.Notes.CountAsync()).Should().Be(2);
            firstProcess = await BackendPidAsync(db);
        }

        using (Tenants.Begin(Tenants.Globex))
        await using (var db = _database.App(single))
        {
            await db.Database.OpenConnectionAsync();
            (await BackendPidAsync(db)).Should().Be(firstProcess, "the same physical connection is reused");
            (await CountNotesAsync(db.Database.GetDbConnection())).Should().Be(0, "Npgsql's reset cleared acme's setting");
            (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("g1");
            (await CountNotesAsync(db.Database.GetDbConnection())).Should().Be(0, "the setting ended with the EF command");
        }
    }

    [Fact]
    public async Task Even_with_no_reset_on_close_every_ef_command_carries_its_own_tenant()
    {
        var leaky = new NpgsqlConnectionStringBuilder(_database.AppConnectionString) { MaxPoolSize = 1, NoResetOnClose = true, ApplicationName = "rls-leaky" }.ConnectionString;
        using (Tenants.Begin(Tenants.Acme))
        await using (var db = _database.App(leaky))
        {
            (await db.Notes.CountAsync()).Should().Be(2);
        }

        using (Tenants.Begin(Tenants.Globex))
        await using (var db = _database.App(leaky))
        {
            (await db.Database.SqlQueryRaw<string>("""SELECT "Title" AS "Value" FROM "Notes" """).ToListAsync()).Should().Equal("g1");
        }

        await using (var db = _database.App(leaky))
        {
            (await db.Database.SqlQueryRaw<long>("""SELECT count(*) AS "Value" FROM "Notes" """).SingleAsync()).Should().Be(0, "no tenant empties the setting");
        }
    }

    [Fact]
    public async Task The_table_owner_is_bound_by_the_policies_too()
    {
        await using var connection = new NpgsqlConnection(_database.OwnerConnectionString);
        await connection.OpenAsync();
        (await CountNotesAsync(connection)).Should().Be(0, "FORCE ROW LEVEL SECURITY applies the policy to the owner");
        await using var command = new NpgsqlCommand("SELECT set_config('tenancy.tenant_id', 'globex', false)", connection);
        await command.ExecuteScalarAsync();
        (await CountNotesAsync(connection)).Should().Be(1);
    }

    [Fact]
    public async Task A_context_pool_with_row_level_security_switches_tenants_between_rentals()
    {
        var services = new ServiceCollection();
        services.AddTenancy().AddPooledTenantDbContextFactory<TestDb>((_, o) => o.UseNpgsql(_database.AppConnectionString), t => t.UseRowLevelSecurity(), poolSize: 1);
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IDbContextFactory<TestDb>>();

        foreach (var (tenant, count) in new[] { (Tenants.Acme, 2L), (Tenants.Globex, 1L), (Tenants.Acme, 2L) })
        {
            using var scope = Tenants.Begin(tenant);
            await using var db = await factory.CreateDbContextAsync();
            (await db.Database.SqlQueryRaw<long>("""SELECT count(*) AS "Value" FROM "Notes" """).SingleAsync()).Should().Be(count);
        }
    }

    private static Task<long> CountNotesAsync(DbConnection connection) => ScalarAsync(connection, """SELECT count(*) FROM "Notes" """);

    private static async Task<long> ScalarAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<int> BackendPidAsync(TestDb db)
    {
        await db.Database.OpenConnectionAsync();
        return ((NpgsqlConnection)db.Database.GetDbConnection()).ProcessID;
    }

    private async Task<T> AsAcmeAsync<T>(Func<TestDb, Task<T>> action)
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        await using var db = _database.App();
        return await action(db);
    }

    private async Task GlobexIsUntouchedAsync()
    {
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 'globex'""")).Should().Be(1);
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 'globex' AND "Title" = 'g1'""")).Should().Be(1);
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Comments" WHERE "TenantId" = 'globex'""")).Should().Be(1);
    }
}
