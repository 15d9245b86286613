using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.EntityFramework.Benchmarks;

/// <summary>
/// A throw-away database on the server of TENANCY_TEST_POSTGRES (eng/services/postgres.sh): seeded by its owner role,
/// with row-level security on <c>RlsItems</c>, and read and written by a non-owner application role.
/// </summary>
internal sealed class PostgresBenchDatabase
{
    private const string Password = "bench";
    private readonly string _admin;
    private readonly string _name;

    public PostgresBenchDatabase()
    {
        _admin = Environment.GetEnvironmentVariable("TENANCY_TEST_POSTGRES")
            ?? throw new InvalidOperationException("TENANCY_TEST_POSTGRES is not set: start PostgreSQL with eng/services/postgres.sh.");
        _name = "tenancy_bench_" + Guid.NewGuid().ToString("N")[..8];
        Admin($"CREATE ROLE {_name}_owner LOGIN PASSWORD '{Password}'", $"CREATE ROLE {_name}_app LOGIN PASSWORD '{Password}'", $"CREATE DATABASE {_name} OWNER {_name}_owner");
        var owner = new NpgsqlConnectionStringBuilder(_admin) { Database = _name, Username = _name + "_owner", Password = Password }.ConnectionString;
        App = new NpgsqlConnectionStringBuilder(owner) { Username = _name + "_app" }.ConnectionString;
        using var db = new BenchDb(new DbContextOptionsBuilder<BenchDb>().UseNpgsql(owner).UseTenancy().Options);
        db.Database.EnsureCreated();
        EfBenchmarkBase.Seed(db);
#pragma warning disable EF1002 // Generated names.
        db.Database.ExecuteSqlRaw(TenantRowLevelSecurity.GetEnableSql("RlsItems"));
        db.Database.ExecuteSqlRaw($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {_name}_app; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_name}_app; ANALYZE;");
#pragma warning restore EF1002
    }

    /// <summary>The application role's connection string (Npgsql defaults: no auto-prepare).</summary>
    public string App { get; }

    /// <summary>The same with Npgsql's automatic preparation on (<c>Max Auto Prepare</c>, <c>Auto Prepare Min Usages</c>).</summary>
    public string AppAutoPrepare => new NpgsqlConnectionStringBuilder(App) { MaxAutoPrepare = 20, AutoPrepareMinUsages = 2 }.ConnectionString;

    /// <summary>A pooled factory of tenant-scoped contexts as the application role.</summary>
    public PooledDbContextFactory<BenchDb> Factory(bool autoPrepare = false, Action<TenancyDbContextOptionsBuilder>? tenancy = null) =>
        new(new DbContextOptionsBuilder<BenchDb>().UseNpgsql(autoPrepare ? AppAutoPrepare : App).UseTenancy(tenancy).Options);

    /// <summary>The previous batch shape (<see cref="DoBlockInterceptor"/>) on top of the tenant filter.</summary>
    public PooledDbContextFactory<BenchDb> DoBlockFactory() =>
        new(new DbContextOptionsBuilder<BenchDb>().UseNpgsql(App).UseTenancy().AddInterceptors(new DoBlockInterceptor()).Options);

    public void Drop()
    {
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", $"DROP ROLE IF EXISTS {_name}_app", $"DROP ROLE IF EXISTS {_name}_owner");
    }

    private void Admin(params string[] statements)
    {
        using var connection = new NpgsqlConnection(_admin);
        connection.Open();
        foreach (var sql in statements)
        {
            using var command = new NpgsqlCommand(sql, connection);
            command.ExecuteNonQuery();
        }
    }
}
