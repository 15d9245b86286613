using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.Platform;
using Tenancy.Testing.Postgres;

namespace Tenancy.Platform.Tests.Infrastructure;

/// <summary>
/// A fresh database with the platform tables: SQLite in memory, or a throw-away PostgreSQL database
/// (<see cref="PostgresTestDatabase"/>) with tables owned by an owner role, row-level security on, and an application role
/// with DML rights except UPDATE/DELETE on the audit log.
/// </summary>
public sealed class PlatformDatabase : IAsyncDisposable
{
    private readonly SqliteConnection? _keeper;
    private readonly PostgresTestDatabase? _postgres;

    private PlatformDatabase(string name, string appConnectionString, SqliteConnection? keeper, PostgresTestDatabase? postgres)
    {
        Name = name;
        AppConnectionString = appConnectionString;
        _keeper = keeper;
        _postgres = postgres;
    }

    public string Name { get; }

    public string AppConnectionString { get; }

    public bool IsPostgres => _postgres is not null;

    public static PlatformDatabase Sqlite()
    {
        var cs = $"Data Source=file:platform-{Guid.NewGuid():N}?mode=memory&cache=shared";
        var keeper = new SqliteConnection(cs);
        keeper.Open();
        var database = new PlatformDatabase("sqlite", cs, keeper, null);
        using var db = new TenancyPlatformDbContext(database.Options());
        db.Database.EnsureCreated();
        return database;
    }

    public static async Task<PlatformDatabase> PostgresAsync()
    {
        var postgres = await PostgresTestDatabase.CreateAsync(
            "tenancy_pf_",
            owner => new TenancyPlatformDbContext(new DbContextOptionsBuilder<TenancyPlatformDbContext>().UseNpgsql(owner).UseTenancy().Options),
            ownerSql: database => TenancyPlatformSql.GetAuditLogPrivilegesSql(database.AppRole));
        return new PlatformDatabase(postgres.Name, postgres.AppConnectionString, null, postgres);
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
        if (_postgres is not null)
        {
            return await _postgres.CountAsAdminAsync(sql);
        }

        await using var connection = new SqliteConnection(AppConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsAdminAsync(string sql)
    {
        if (_postgres is not null)
        {
            await _postgres.ExecuteAsAdminAsync(sql);
            return;
        }

        await using var connection = new SqliteConnection(AppConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_keeper is not null)
        {
            await _keeper.DisposeAsync();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
