using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.EntityFramework.Tests;

/// <summary>
/// Issue 8: the facts <see cref="NpgsqlBatchShape"/> relies on, checked against the commands EF Core and Npgsql actually
/// send at the pinned versions (Npgsql 10.0.3, EF Core 10.0.15). When an upgrade changes a batch's shape, these fail
/// before the row-level-security interceptor silently mis-classifies it.
/// </summary>
public sealed class NpgsqlBatchShapeTests : IAsyncLifetime
{
    private const string ReaderPrefix = "/* tenancy */ SELECT set_config('tenancy.tenant_id', 'acme', true);\n";
    private const string RowCountPrefix = "/* tenancy */ SELECT WHERE set_config('tenancy.tenant_id', 'acme', true) IS NULL;\n";

    private PostgresDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        await _database.SeedAsync(Tenants.Acme, "a1", "a2");
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Ef_save_batches_have_the_shapes_the_adapter_classifies()
    {
        var capture = new CommandCapture();
        using var scope = Tenants.Begin(Tenants.Acme);
        await using var db = Context(capture, rowLevelSecurity: false);

        db.Notes.AddRange(new Note { Title = "n1" }, new Note { Title = "n2" }, new Note { Title = "n3" });
        await db.SaveChangesAsync();
        var insert = capture.Single(CommandSource.SaveChanges);
        insert.Kind.Should().Be("reader", "inserts with generated keys are read as rows");
        insert.Sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().HaveCount(3)
            .And.AllSatisfy(s => s.Should().MatchRegex("^INSERT INTO \"Notes\" \\([^)]*\\)\nVALUES \\([^)]*\\)\nRETURNING \"Id\"$"));
        NpgsqlBatchShape.IsInsertReturningOnly(insert.Sql).Should().BeTrue();

        var notes = await db.Notes.OrderBy(n => n.Title).ToListAsync();
        notes[0].Title = "u1";
        notes[1].Title = "u2";
        capture.Clear();
        await db.SaveChangesAsync();
        var update = capture.Single(CommandSource.SaveChanges);
        update.Sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Should().HaveCount(2)
            .And.AllSatisfy(s => s.Should().StartWith("UPDATE \"Notes\" SET \"Title\" = "));
        NpgsqlBatchShape.IsInsertReturningOnly(update.Sql).Should().BeFalse();

        db.Notes.Remove(notes[2]);
        db.Notes.Add(new Note { Title = "n4" });
        capture.Clear();
        await db.SaveChangesAsync();
        var mixed = capture.Single(CommandSource.SaveChanges);
        mixed.Sql.Should().Contain("DELETE FROM \"Notes\"").And.Contain("INSERT INTO \"Notes\"");
        NpgsqlBatchShape.IsInsertReturningOnly(mixed.Sql).Should().BeFalse("a delete's count must not be shifted by a prefix");
    }

    [Fact]
    public async Task Under_row_level_security_each_command_kind_gets_its_own_shape_of_the_setting()
    {
        var capture = new CommandCapture();
        using var scope = Tenants.Begin(Tenants.Acme);
        await using var db = Context(capture, rowLevelSecurity: true);

        (await db.Notes.Select(n => n.Title).OrderBy(t => t).ToListAsync()).Should().Equal("a1", "a2");
        capture.Single(CommandSource.LinqQuery).Sql.Should().StartWith(ReaderPrefix);

        db.Notes.Add(new Note { Title = "a3" });
        capture.Clear();
        await db.SaveChangesAsync();
        capture.Single(CommandSource.SaveChanges).Sql.Should().StartWith(ReaderPrefix + "INSERT INTO \"Notes\"");

        (await db.Notes.SingleAsync(n => n.Title == "a3")).Title = "a3!";
        capture.Clear();
        await db.SaveChangesAsync();
        // The setting goes on its own command (run by the interceptor, not through EF, so not captured here); the policy
        // admitting the update proves it arrived.
        capture.Single(CommandSource.SaveChanges).Sql.Should().StartWith("UPDATE \"Notes\"", "nothing in front of the counted statement");
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'a3!'""")).Should().Be(1);

        capture.Clear();
        (await db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, n => n.Title + "?"))).Should().Be(3);
        capture.Single(CommandSource.ExecuteUpdate).Sql.Should().StartWith(RowCountPrefix + "UPDATE \"Notes\"");
    }

    [Fact]
    public async Task Npgsql_runs_a_prefixed_batch_as_the_adapter_expects()
    {
        await using var connection = new NpgsqlConnection(_database.OwnerConnectionString);
        await connection.OpenAsync();
        await Execute(connection, "CREATE TEMP TABLE shape (x int); INSERT INTO shape VALUES (1), (2), (3)");

        // A reader starts at the prefix's own result set; after skipping it the application's statement sees the setting.
        await using (var command = new NpgsqlCommand(ReaderPrefix + "SELECT current_setting('tenancy.tenant_id', true)", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            (await reader.ReadAsync()).Should().BeTrue();
            reader.GetString(0).Should().Be("acme", "the first result set is set_config's");
            await NpgsqlBatchShape.SkipPrefixResultAsync(reader, default);
            (await reader.ReadAsync()).Should().BeTrue();
            reader.GetString(0).Should().Be("acme");
            (await reader.NextResultAsync()).Should().BeFalse();
        }

        // The zero-row prefix adds nothing to a rows-affected count; the setting dies with the batch's implicit transaction.
        (await Execute(connection, RowCountPrefix + "UPDATE shape SET x = x + 1")).Should().Be(3);
        (await Execute(connection, RowCountPrefix + "UPDATE shape SET x = x + 1; DELETE FROM shape WHERE x > 3")).Should().Be(5);
        await using (var probe = new NpgsqlCommand("SELECT coalesce(current_setting('tenancy.tenant_id', true), '')", connection))
        {
            (await probe.ExecuteScalarAsync()).Should().Be(string.Empty);
        }

        // A failure anywhere in the batch undoes all of it (one implicit transaction, one Sync).
        await FluentActions.Awaiting(() => Execute(connection, RowCountPrefix + "DELETE FROM shape; SELECT 1/0")).Should().ThrowAsync<PostgresException>();
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM shape", connection))
        {
            (await count.ExecuteScalarAsync()).Should().Be(1L);
        }
    }

    private TestDb Context(CommandCapture capture, bool rowLevelSecurity) =>
        new(new DbContextOptionsBuilder<TestDb>().UseNpgsql(rowLevelSecurity ? _database.AppConnectionString : _database.AdminConnectionString)
            .UseTenancy(t =>
            {
                if (rowLevelSecurity)
                {
                    t.UseRowLevelSecurity();
                }
            })
            .AddInterceptors(capture).Options);

    private static async Task<int> Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Records each command's text as it reaches Npgsql (after every interceptor's executing hook).</summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        public List<(CommandSource Source, string Kind, string Sql)> Commands { get; } = [];

        public void Clear() => Commands.Clear();

        public (CommandSource Source, string Kind, string Sql) Single(CommandSource source) => Commands.Should().ContainSingle(c => c.Source == source).Subject;

        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) => Record(command, eventData, "reader", result);

        public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Record(command, eventData, "reader", result));

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) => Record(command, eventData, "nonquery", result);

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Record(command, eventData, "nonquery", result));

        private T Record<T>(DbCommand command, CommandExecutedEventData eventData, string kind, T result)
        {
            Commands.Add((eventData.CommandSource, kind, command.CommandText));
            return result;
        }
    }
}
