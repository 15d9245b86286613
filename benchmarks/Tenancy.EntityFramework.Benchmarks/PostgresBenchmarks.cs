using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.EntityFramework.Benchmarks;

/// <summary>
/// Tenant-scoped vs plain EF Core on PostgreSQL, and row-level security: off, on (<c>UseRowLevelSecurity()</c>: the
/// tenant sent in the same batch as each command, as a <c>SELECT set_config(…)</c> whose result the reader skips), the
/// previous batch shape (a <c>DO</c> block, <see cref="DoBlockInterceptor"/>) and the naive way (<c>set_config</c> in a
/// connection-opened interceptor, <see cref="SetConfigOnOpenInterceptor"/>). The application connects as a non-owner
/// role; the server comes from TENANCY_TEST_POSTGRES (eng/services/postgres.sh).
/// </summary>
public class PostgresBenchmarks : EfBenchmarkBase
{
    private const string Password = "bench";
    private string _admin = "";
    private string _name = "";
    private PooledDbContextFactory<BenchDb> _rls = null!;
    private PooledDbContextFactory<BenchDb> _naive = null!;
    private PooledDbContextFactory<BenchDb> _doBlock = null!;

    [GlobalSetup]
    public void Setup()
    {
        _admin = Environment.GetEnvironmentVariable("TENANCY_TEST_POSTGRES")
            ?? throw new InvalidOperationException("TENANCY_TEST_POSTGRES is not set: start PostgreSQL with eng/services/postgres.sh.");
        _name = "tenancy_bench_" + Guid.NewGuid().ToString("N")[..8];
        Admin($"CREATE ROLE {_name}_owner LOGIN PASSWORD '{Password}'", $"CREATE ROLE {_name}_app LOGIN PASSWORD '{Password}'", $"CREATE DATABASE {_name} OWNER {_name}_owner");
        var owner = new NpgsqlConnectionStringBuilder(_admin) { Database = _name, Username = _name + "_owner", Password = Password }.ConnectionString;
        var app = new NpgsqlConnectionStringBuilder(owner) { Username = _name + "_app" }.ConnectionString;
        using (var db = new BenchDb(new DbContextOptionsBuilder<BenchDb>().UseNpgsql(owner).UseTenancy().Options))
        {
            db.Database.EnsureCreated();
            Seed(db);
#pragma warning disable EF1002 // Generated names.
            db.Database.ExecuteSqlRaw(TenantRowLevelSecurity.GetEnableSql("RlsItems"));
            db.Database.ExecuteSqlRaw($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {_name}_app; GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {_name}_app; ANALYZE;");
#pragma warning restore EF1002
        }

        Plain = new PooledDbContextFactory<PlainDb>(new DbContextOptionsBuilder<PlainDb>().UseNpgsql(app).Options);
        Scoped = new PooledDbContextFactory<BenchDb>(new DbContextOptionsBuilder<BenchDb>().UseNpgsql(app).UseTenancy().Options);
        _rls = new PooledDbContextFactory<BenchDb>(new DbContextOptionsBuilder<BenchDb>().UseNpgsql(app).UseTenancy(t => t.UseRowLevelSecurity()).Options);
        _naive = new PooledDbContextFactory<BenchDb>(new DbContextOptionsBuilder<BenchDb>().UseNpgsql(app).UseTenancy()
            .AddInterceptors(new SetConfigOnOpenInterceptor()).Options);
        _doBlock = new PooledDbContextFactory<BenchDb>(new DbContextOptionsBuilder<BenchDb>().UseNpgsql(app).UseTenancy()
            .AddInterceptors(new DoBlockInterceptor()).Options);
        BeginTenant();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        EndTenant();
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", $"DROP ROLE IF EXISTS {_name}_app", $"DROP ROLE IF EXISTS {_name}_owner");
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Query")]
    public List<PlainItem> Query100_PlainEf() => QueryPlain();

    [Benchmark]
    [BenchmarkCategory("Query")]
    public List<ScopedItem> Query100_TenantScoped() => QueryScoped();

    [Benchmark]
    [BenchmarkCategory("Query")]
    public List<RlsItem> Query100_TenantScoped_RlsSameBatch() => QueryRls(_rls);

    [Benchmark]
    [BenchmarkCategory("Query")]
    public List<RlsItem> Query100_TenantScoped_RlsNaiveOnOpen() => QueryRls(_naive);

    [Benchmark]
    [BenchmarkCategory("Query")]
    public List<RlsItem> Query100_TenantScoped_RlsDoBlock() => QueryRls(_doBlock);

    [Benchmark]
    [BenchmarkCategory("Insert")]
    public int Insert100_PlainEf() => InsertPlain();

    [Benchmark]
    [BenchmarkCategory("Insert")]
    public int Insert100_TenantScoped() => InsertScoped();

    [Benchmark]
    [BenchmarkCategory("Insert")]
    public int Insert100_TenantScoped_Rls() => InsertRls(_rls);

    [Benchmark]
    [BenchmarkCategory("Insert")]
    public int Insert100_TenantScoped_RlsNaiveOnOpen() => InsertRls(_naive);

    [Benchmark]
    [BenchmarkCategory("Insert")]
    public int Insert100_TenantScoped_RlsDoBlock() => InsertRls(_doBlock);

    private static List<RlsItem> QueryRls(PooledDbContextFactory<BenchDb> factory)
    {
        using var db = factory.CreateDbContext();
        return db.RlsItems.AsNoTracking().ToList();
    }

    private static int InsertRls(PooledDbContextFactory<BenchDb> factory)
    {
        using var db = factory.CreateDbContext();
        for (var i = 0; i < 100; i++)
        {
            db.RlsItems.Add(new RlsItem { Name = "new", Quantity = i });
        }

        return db.SaveChanges();
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
