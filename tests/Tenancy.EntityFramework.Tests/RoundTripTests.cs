using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.Tests;

[Collection(RoundTripCollection.Name)]
public sealed class RoundTripTests(ITestOutputHelper output) : IAsyncLifetime
{
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresDatabase.CreateAsync();
        await _database.SeedAsync(Tenants.Acme, "a1", "a2");
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Row_level_security_adds_no_round_trip_to_queries_unlike_set_config_on_open()
    {
        var server = new NpgsqlConnectionStringBuilder(_database.AppConnectionString);
        await using var proxy = new RoundTripCounter(server.Host!, server.Port);
        string Through(string name) => new NpgsqlConnectionStringBuilder(_database.AppConnectionString)
        {
            Host = "127.0.0.1", Port = proxy.Port, SslMode = SslMode.Disable, MaxPoolSize = 1, ApplicationName = name,
        }.ConnectionString;

        using var scope = Tenants.Begin(Tenants.Acme);
        var withoutRls = await CountAsync(proxy, new DbContextOptionsBuilder<TestDb>().UseNpgsql(Through("plain")).UseTenancy().Options, expectRows: false);
        var sameBatch = await CountAsync(proxy, new DbContextOptionsBuilder<TestDb>().UseNpgsql(Through("same-batch")).UseTenancy(t => t.UseRowLevelSecurity()).Options, expectRows: true);
        var naive = await CountAsync(proxy, new DbContextOptionsBuilder<TestDb>().UseNpgsql(Through("naive")).UseTenancy()
            .AddInterceptors(new SetConfigOnOpenInterceptor()).Options, expectRows: true);

        var inserts = await CountInsertsAsync(proxy, new DbContextOptionsBuilder<TestDb>().UseNpgsql(Through("same-batch")).UseTenancy(t => t.UseRowLevelSecurity()).Options);
        var bulk = await CountBulkUpdatesAsync(proxy, new DbContextOptionsBuilder<TestDb>().UseNpgsql(Through("same-batch")).UseTenancy(t => t.UseRowLevelSecurity()).Options);
        var plainBulk = await CountBulkUpdatesAsync(proxy, new DbContextOptionsBuilder<TestDb>().UseNpgsql(Through("plain")).UseTenancy().Options);
        var updates = await CountUpdatesAsync(proxy, new DbContextOptionsBuilder<TestDb>().UseNpgsql(Through("same-batch")).UseTenancy(t => t.UseRowLevelSecurity()).Options);
        var naiveUpdates = await CountUpdatesAsync(proxy, new DbContextOptionsBuilder<TestDb>().UseNpgsql(Through("naive")).UseTenancy()
            .AddInterceptors(new SetConfigOnOpenInterceptor()).Options);
        output.WriteLine($"10 x (open + one command): no RLS {withoutRls}, RLS same batch {sameBatch}, RLS insert {inserts}, "
            + $"RLS ExecuteUpdate {bulk} (no RLS {plainBulk}), set_config on open {naive}; "
            + $"10 x (open, load one row, edit, SaveChanges): RLS {updates}, set_config on open {naiveUpdates}");
        bulk.Should().Be(plainBulk, "ExecuteUpdate takes the setting in the same batch");
        updates.Should().Be(naiveUpdates + 10, "an update save sends the setting on its own and commits its transaction (+2), where the naive way pays +1 per open");

        sameBatch.Should().Be(withoutRls, "the tenant setting travels in the same batch as each query");
        inserts.Should().Be(withoutRls, "an INSERT … RETURNING batch takes the setting in the same batch too");
        naive.Should().BeGreaterThan(withoutRls, "set_config on open costs an extra round trip (the proxy does see it)");
    }

    private static async Task<long> CountInsertsAsync(RoundTripCounter proxy, DbContextOptions<TestDb> options)
    {
        var before = proxy.RoundTrips;
        for (var i = 0; i < 10; i++)
        {
            await using var db = new TestDb(options);
            db.Notes.Add(new Note { Title = $"new {i}" });
            (await db.SaveChangesAsync()).Should().Be(1);
        }

        return proxy.RoundTrips - before;
    }

    private static async Task<long> CountBulkUpdatesAsync(RoundTripCounter proxy, DbContextOptions<TestDb> options)
    {
        var before = proxy.RoundTrips;
        for (var i = 0; i < 10; i++)
        {
            await using var db = new TestDb(options);
            await db.Notes.Where(n => n.Title == "a1").ExecuteUpdateAsync(s => s.SetProperty(n => n.IsDeleted, false));
        }

        return proxy.RoundTrips - before;
    }

    private static async Task<long> CountUpdatesAsync(RoundTripCounter proxy, DbContextOptions<TestDb> options)
    {
        var before = proxy.RoundTrips;
        for (var i = 0; i < 10; i++)
        {
            await using var db = new TestDb(options);
            var note = await db.Notes.FirstAsync(n => n.Title == "a2");
            db.Entry(note).Property(n => n.IsDeleted).IsModified = true;
            (await db.SaveChangesAsync()).Should().Be(1);
        }

        return proxy.RoundTrips - before;
    }

    private static async Task<long> CountAsync(RoundTripCounter proxy, DbContextOptions<TestDb> options, bool expectRows)
    {
        await using (var warm = new TestDb(options))
        {
            await warm.Database.SqlQueryRaw<int>("SELECT 1 AS \"Value\"").ToListAsync();
        }

        var before = proxy.RoundTrips;
        for (var i = 0; i < 10; i++)
        {
            await using var db = new TestDb(options);
            var titles = await db.Notes.Select(n => n.Title).ToListAsync();
            if (expectRows)
            {
                titles.Should().HaveCount(2);
            }
        }

        return proxy.RoundTrips - before;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RoundTripCollection
{
    public const string Name = "Round trips (alone, so other tests' connections do not disturb the count)";
}

/// <summary>The naive way, for the comparison: a session-level <c>set_config</c> command each time a connection opens.</summary>
file sealed class SetConfigOnOpenInterceptor : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Create(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Create(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static DbCommand Create(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT set_config('tenancy.tenant_id', @tenant, false)";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "tenant";
        parameter.Value = AmbientCurrentTenant.Instance.Id ?? string.Empty;
        command.Parameters.Add(parameter);
        return command;
    }
}
