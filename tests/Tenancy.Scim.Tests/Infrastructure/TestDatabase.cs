using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tenancy.EntityFramework;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.Scim.Tests.Infrastructure;

/// <summary>
/// A fresh database for one test: in-memory SQLite, or a PostgreSQL database on the server eng/services/postgres.sh
/// starts, with the tables owned by an owner role, row-level security applied, and the app connecting as a role with
/// DML rights only (no BYPASSRLS), so the database itself enforces tenant isolation.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string Variable = "TENANCY_TEST_POSTGRES";
    private const string Password = "tenancy-test";

    private readonly SqliteConnection? _keeper;
    private readonly string? _admin;
    private readonly string? _name;

    private TestDatabase(Backend backend, string connectionString, SqliteConnection? keeper, string? admin, string? name)
    {
        Backend = backend;
        ConnectionString = connectionString;
        _keeper = keeper;
        _admin = admin;
        _name = name;
    }

    public Backend Backend { get; }

    /// <summary>The application's connection string (the app role on PostgreSQL).</summary>
    public string ConnectionString { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: these tests need the PostgreSQL server that eng/services/postgres.sh starts. Start it with ./eng/test.sh (or ./eng/dev-services.sh and source .services/env.sh).");

    public static async Task<TestDatabase> CreateAsync(Backend backend)
    {
        if (backend == Backend.Sqlite)
        {
            var cs = $"Data Source=file:scim-{Guid.NewGuid():N}?mode=memory&cache=shared";
            var keeper = new SqliteConnection(cs);
            await keeper.OpenAsync();
            var database = new TestDatabase(backend, cs, keeper, null, null);
            await using var db = database.CreateContext(rowLevelSecurity: false);
            await db.Database.EnsureCreatedAsync();
            return database;
        }

        var admin = ServerConnectionString;
        var name = "tenancy_scim_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(admin, $"CREATE ROLE {name}_owner LOGIN PASSWORD '{Password}'", $"CREATE ROLE {name}_app LOGIN PASSWORD '{Password}' NOSUPERUSER NOBYPASSRLS", $"CREATE DATABASE {name} OWNER {name}_owner");
        var baseBuilder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        var owner = new NpgsqlConnectionStringBuilder(baseBuilder.ConnectionString) { Username = name + "_owner", Password = Password }.ConnectionString;
        var app = new NpgsqlConnectionStringBuilder(baseBuilder.ConnectionString) { Username = name + "_app", Password = Password }.ConnectionString;
        await using (var db = new ScimTestDb(new DbContextOptionsBuilder<ScimTestDb>().UseNpgsql(owner).UseTenancy().Options))
        {
            await db.Database.EnsureCreatedAsync();
            await TenantRowLevelSecurity.ApplyAsync(db);
        }

        await ExecuteAsync(owner, $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}_app", $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}_app");
        return new TestDatabase(backend, app, null, admin, name);
    }

    public void Configure(DbContextOptionsBuilder options)
    {
        if (Backend == Backend.Sqlite)
        {
            options.UseSqlite(ConnectionString);
        }
        else
        {
            options.UseNpgsql(ConnectionString);
        }
    }

    public void ConfigureTenancy(TenancyDbContextOptionsBuilder tenancy)
    {
        if (Backend == Backend.Postgres)
        {
            tenancy.UseRowLevelSecurity();
        }
    }

    public ScimTestDb CreateContext(bool rowLevelSecurity = true)
    {
        var builder = new DbContextOptionsBuilder<ScimTestDb>();
        Configure(builder);
        return new ScimTestDb(builder.UseTenancy(t =>
        {
            if (rowLevelSecurity)
            {
                ConfigureTenancy(t);
            }
        }).Options);
    }

    /// <summary>Runs raw SQL as the application role with a tenant set (PostgreSQL only): what RLS lets through.</summary>
    public async Task<long> CountAsAppAsync(string tenantId, string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand($"SET tenancy.tenant_id = '{tenantId}'", connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_keeper is not null)
        {
            await _keeper.DisposeAsync();
            return;
        }

        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(_admin!, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", $"DROP ROLE IF EXISTS {_name}_app", $"DROP ROLE IF EXISTS {_name}_owner");
    }

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
