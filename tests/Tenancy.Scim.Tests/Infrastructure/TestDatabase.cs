using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;
using Tenancy.Testing.Postgres;

namespace Tenancy.Scim.Tests.Infrastructure;

/// <summary>
/// A fresh database for one test: in-memory SQLite, or a throw-away PostgreSQL database (<see cref="PostgresTestDatabase"/>)
/// with the tables owned by an owner role, row-level security applied, and the app connecting as a role with DML rights
/// only (no BYPASSRLS), so the database itself enforces tenant isolation.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly SqliteConnection? _keeper;
    private readonly PostgresTestDatabase? _postgres;

    private TestDatabase(Backend backend, string connectionString, SqliteConnection? keeper, PostgresTestDatabase? postgres)
    {
        Backend = backend;
        ConnectionString = connectionString;
        _keeper = keeper;
        _postgres = postgres;
    }

    public Backend Backend { get; }

    /// <summary>The application's connection string (the app role on PostgreSQL).</summary>
    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(Backend backend)
    {
        if (backend == Backend.Sqlite)
        {
            var cs = $"Data Source=file:scim-{Guid.NewGuid():N}?mode=memory&cache=shared";
            var keeper = new SqliteConnection(cs);
            await keeper.OpenAsync();
            var database = new TestDatabase(backend, cs, keeper, null);
            await using var db = database.CreateContext(rowLevelSecurity: false);
            await db.Database.EnsureCreatedAsync();
            return database;
        }

        var postgres = await PostgresTestDatabase.CreateAsync(
            "tenancy_scim_",
            owner => new ScimTestDb(new DbContextOptionsBuilder<ScimTestDb>().UseNpgsql(owner).UseTenancy().Options));
        return new TestDatabase(backend, postgres.AppConnectionString, null, postgres);
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
    public Task<long> CountAsAppAsync(string tenantId, string sql) =>
        (_postgres ?? throw new InvalidOperationException("Raw SQL as the application role needs PostgreSQL.")).CountAsAppAsync(tenantId, sql);

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
