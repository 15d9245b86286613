using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tenancy.EntityFramework.Benchmarks;

/// <summary>Tenant-scoped vs plain EF Core on SQLite (a file database).</summary>
public class SqliteBenchmarks : EfBenchmarkBase
{
    private string _path = "";

    [GlobalSetup]
    public void Setup()
    {
        _path = Path.Combine(Path.GetTempPath(), $"tenancy-bench-{Guid.NewGuid():N}.db");
        var connection = $"Data Source={_path};Pooling=True";
        Plain = new PooledDbContextFactory<PlainDb>(new DbContextOptionsBuilder<PlainDb>().UseSqlite(connection).Options);
        Scoped = new PooledDbContextFactory<BenchDb>(new DbContextOptionsBuilder<BenchDb>().UseSqlite(connection).UseTenancy().Options);
        using (var db = Scoped.CreateDbContext())
        {
            db.Database.EnsureCreated();
            Seed(db);
        }

        BeginTenant();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        EndTenant();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Query")]
    public List<PlainItem> Query100_PlainEf() => QueryPlain();

    [Benchmark]
    [BenchmarkCategory("Query")]
    public List<ScopedItem> Query100_TenantScoped() => QueryScoped();

    [Benchmark]
    [BenchmarkCategory("Insert")]
    public int Insert100_PlainEf() => InsertPlain();

    [Benchmark]
    [BenchmarkCategory("Insert")]
    public int Insert100_TenantScoped() => InsertScoped();
}
