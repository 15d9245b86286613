using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tenancy.EntityFramework.Platform;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.Platform.Tests.Infrastructure;

/// <summary>
/// A fresh database with the platform tables: SQLite in memory, or PostgreSQL with tables owned by an owner role, row-level
/// security on, and an application role with DML rights except UPDATE/DELETE on the audit log.
/// </summary>
public sealed class PlatformDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "TENANCY_TEST_POSTGRES";
    private const string Password = "tenancy-test";

    private readonly SqliteConnection? _keeper;
    private readonly string? _admin;

    private PlatformDatabase(string name, string appConnectionString, bool postgres, SqliteConnection? keeper, string? admin)
    {
        Name = name;
        AppConnectionString = appConnectionString;
        IsPostgres = postgres;
        _keeper = keeper;
        _admin = admin;
    }

    public string Name { get; }

    public string AppConnectionString { get; }

    public bool IsPostgres { get; }

    public string AdminConnectionString => new NpgsqlConnectionStringBuilder(_admin!) { Database = Name }.ConnectionString;

    public static PlatformDatabase Sqlite()
    {
        var cs = $"Data Source=file:platform-{Guid.NewGuid():N}?mode=memory&cache=shared";
        var keeper = new SqliteConnection(cs);
        keeper.Open();
        var database = new PlatformDatabase("sqlite", cs, false, keeper, null);
        using var db = new TenancyPlatformDbContext(database.Options());
        db.Database.EnsureCreated();
        return database;
    }

    public static async Task<PlatformDatabase> PostgresAsync()
    {
        var server = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{PostgresVariable} is not set: these tests need the PostgreSQL server that eng/services/postgres.sh starts. Start it with ./eng/test.sh.");
        var name = "tenancy_pf_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(server, $"""
            CREATE ROLE {name}_owner LOGIN PASSWORD '{Password}';
            CREATE ROLE {name}_app LOGIN PASSWORD '{Password}' NOSUPERUSER NOBYPASSRLS;
            CREATE DATABASE {name} OWNER {name}_owner
            """);
        var owner = new NpgsqlConnectionStringBuilder(server) { Database = name, Username = name + "_owner", Password = Password }.ConnectionString;
        var app = new NpgsqlConnectionStringBuilder(server) { Database = name, Username = name + "_app", Password = Password }.ConnectionString;
        var database = new PlatformDatabase(name, app, true, null, server);
        await using (var db = new TenancyPlatformDbContext(new DbContextOptionsBuilder<TenancyPlatformDbContext>().UseNpgsql(owner).UseTenancy().Options))
        {
            await db.Database.EnsureCreatedAsync();
            await TenantRowLevelSecurity.ApplyAsync(db);
        }

        await ExecuteAsync(owner, $"""
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}_app;
            {TenancyPlatformSql.GetAuditLogPrivilegesSql(name + "_app")}
            """);
        return database;
    }

    public DbContextOptions<TenancyPlatformDbContext> Options(ICurrentTenant? current = null)
    {
        var builder = new DbContextOptionsBuilder<TenancyPlatformDbContext>();
        if (IsPostgres)
        {
            builder.UseNpgsql(AppConnectionString);
            return builder.UseTenancy(t => { t.UseRowLevelSecurity(); if (current is not null) { t.UseCurrentTenant(current); } }).Options;
        }

        builder.UseSqlite(AppConnectionString);
        return builder.UseTenancy(t => { if (current is not null) { t.UseCurrentTenant(current); } }).Options;
    }

    public void Configure(IServiceProvider services, DbContextOptionsBuilder builder)
    {
        if (IsPostgres)
        {
            builder.UseNpgsql(AppConnectionString);
        }
        else
        {
            builder.UseSqlite(AppConnectionString);
        }
    }

    /// <summary>Runs SQL as the server's superuser (bypasses row-level security and grants): the "attacker with the database" view.</summary>
    public async Task<long> ScalarAsAdminAsync(string sql)
    {
        if (!IsPostgres)
        {
            await using var connection = new SqliteConnection(AppConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }

        await using var pg = new NpgsqlConnection(AdminConnectionString);
        await pg.OpenAsync();
        await using var pgCommand = new NpgsqlCommand(sql, pg);
        return Convert.ToInt64(await pgCommand.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsAdminAsync(string sql)
    {
        if (!IsPostgres)
        {
            await using var connection = new SqliteConnection(AppConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
            return;
        }

        await ExecuteAsync(AdminConnectionString, sql);
    }

    public async ValueTask DisposeAsync()
    {
        if (_keeper is not null)
        {
            await _keeper.DisposeAsync();
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin!, $"""
            DROP DATABASE IF EXISTS {Name} WITH (FORCE);
            DROP ROLE IF EXISTS {Name}_app;
            DROP ROLE IF EXISTS {Name}_owner
            """);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
