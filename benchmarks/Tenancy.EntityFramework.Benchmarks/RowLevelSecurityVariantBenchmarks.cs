using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.EntityFramework.Benchmarks;

/// <summary>
/// Issue 15's RLS target, each factor separately and every variant against the tenant-filter-only baseline in the same
/// run: the package's RLS (<c>UseRowLevelSecurity()</c>) with and without Npgsql's automatic preparation (the
/// baseline likewise), and for row-count commands (<c>ExecuteUpdate</c> on the tenant's 100 rows) the package's shape
/// against the previous <c>DO</c> block (<see cref="DoBlockInterceptor"/>). Not part of <c>eng/bench.sh</c>'s
/// <c>*PostgresBenchmarks*</c> suite; run it with <c>--filter '*RowLevelSecurityVariantBenchmarks*'</c>.
/// </summary>
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class RowLevelSecurityVariantBenchmarks : EfBenchmarkBase
{
    private PostgresBenchDatabase _database = null!;
    private PooledDbContextFactory<BenchDb> _scopedPrepared = null!;
    private PooledDbContextFactory<BenchDb> _rls = null!;
    private PooledDbContextFactory<BenchDb> _rlsPrepared = null!;
    private PooledDbContextFactory<BenchDb> _doBlock = null!;

    [GlobalSetup]
    public void Setup()
    {
        _database = new PostgresBenchDatabase();
        Scoped = _database.Factory();
        _scopedPrepared = _database.Factory(autoPrepare: true);
        _rls = _database.Factory(tenancy: t => t.UseRowLevelSecurity());
        _rlsPrepared = _database.Factory(autoPrepare: true, t => t.UseRowLevelSecurity());
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
    public List<ScopedItem> Query100_FilterOnly() => QueryScoped(Scoped);

    [Benchmark]
    [BenchmarkCategory("Query")]
    public List<RlsItem> Query100_Rls() => QueryRls(_rls);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("QueryAutoPrepare")]
    public List<ScopedItem> Query100_FilterOnly_AutoPrepare() => QueryScoped(_scopedPrepared);

    [Benchmark]
    [BenchmarkCategory("QueryAutoPrepare")]
    public List<RlsItem> Query100_Rls_AutoPrepare() => QueryRls(_rlsPrepared);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("Insert")]
    public int Insert100_FilterOnly() => InsertScoped(Scoped);

    [Benchmark]
    [BenchmarkCategory("Insert")]
    public int Insert100_Rls() => InsertRls(_rls);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("InsertAutoPrepare")]
    public int Insert100_FilterOnly_AutoPrepare() => InsertScoped(_scopedPrepared);

    [Benchmark]
    [BenchmarkCategory("InsertAutoPrepare")]
    public int Insert100_Rls_AutoPrepare() => InsertRls(_rlsPrepared);

    [Benchmark(Baseline = true)]
    [BenchmarkCategory("ExecuteUpdate")]
    public int Update100_FilterOnly()
    {
        using var db = Scoped.CreateDbContext();
        return db.ScopedItems.ExecuteUpdate(s => s.SetProperty(i => i.Quantity, i => i.Quantity + 1));
    }

    [Benchmark]
    [BenchmarkCategory("ExecuteUpdate")]
    public int Update100_Rls() => UpdateRls(_rls);

    [Benchmark]
    [BenchmarkCategory("ExecuteUpdate")]
    public int Update100_RlsDoBlock() => UpdateRls(_doBlock);

    private static int UpdateRls(PooledDbContextFactory<BenchDb> factory)
    {
        using var db = factory.CreateDbContext();
        return db.RlsItems.ExecuteUpdate(s => s.SetProperty(i => i.Quantity, i => i.Quantity + 1));
    }
}
