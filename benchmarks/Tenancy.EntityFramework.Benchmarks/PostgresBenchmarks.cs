using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

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
    private PostgresBenchDatabase _database = null!;
    private PooledDbContextFactory<BenchDb> _rls = null!;
    private PooledDbContextFactory<BenchDb> _naive = null!;
    private PooledDbContextFactory<BenchDb> _doBlock = null!;

    [GlobalSetup]
    public void Setup()
    {
        _database = new PostgresBenchDatabase();
        var app = _database.App;
        Plain = new PooledDbContextFactory<PlainDb>(new DbContextOptionsBuilder<PlainDb>().UseNpgsql(app).Options);
        Scoped = _database.Factory();
        _rls = _database.Factory(tenancy: t => t.UseRowLevelSecurity());
        _naive = new PooledDbContextFactory<BenchDb>(new DbContextOptionsBuilder<BenchDb>().UseNpgsql(app).UseTenancy()
            .AddInterceptors(new SetConfigOnOpenInterceptor()).Options);
        _doBlock = _database.DoBlockFactory();
        BeginTenant();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        EndTenant();
        _database.Drop();
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
}
