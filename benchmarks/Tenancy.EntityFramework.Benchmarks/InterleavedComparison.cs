using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.EntityFramework.Benchmarks;

/// <summary>
/// The RLS variants of <see cref="RowLevelSecurityVariantBenchmarks"/>, interleaved operation by operation in one
/// process (<c>dotnet run -c Release -- --interleaved [rounds]</c>): every round runs each variant once, in an order that
/// rotates, so that the load of a shared machine falls on all of them alike. Prints min, 10th percentile and median per
/// variant and their ratios to the variant's tenant-filter-only baseline. Queries read tenant-042's 100 rows; updates
/// (<c>ExecuteUpdate</c>) change 100 rows of a tenant of their own (010–014); inserts add 100 rows for tenant-099, so no variant changes
/// what another reads.
/// </summary>
internal static class InterleavedComparison
{
    private static readonly TenantInfo Reader = new("tenant-042", "tenant-042", "Reader");
    private static readonly TenantInfo Inserter = new("tenant-099", "tenant-099", "Inserter");

    public static void Run(int rounds)
    {
        var database = new PostgresBenchDatabase();
        try
        {
            var scoped = database.Factory();
            var scopedPrepared = database.Factory(autoPrepare: true);
            var rls = database.Factory(tenancy: t => t.UseRowLevelSecurity());
            var rlsPrepared = database.Factory(autoPrepare: true, t => t.UseRowLevelSecurity());
            var doBlock = database.DoBlockFactory();
            var variants = new (string Name, string Baseline, Func<int> Run)[]
            {
                ("Query100_FilterOnly", "Query100_FilterOnly", () => In(Reader, () => Query(scoped, false))),
                ("Query100_Rls", "Query100_FilterOnly", () => In(Reader, () => Query(rls, true))),
                ("Query100_RlsDoBlock (before)", "Query100_FilterOnly", () => In(Reader, () => Query(doBlock, true))),
                ("Query100_FilterOnly_AutoPrepare", "Query100_FilterOnly_AutoPrepare", () => In(Reader, () => Query(scopedPrepared, false))),
                ("Query100_Rls_AutoPrepare", "Query100_FilterOnly_AutoPrepare", () => In(Reader, () => Query(rlsPrepared, true))),
                ("Update100_FilterOnly", "Update100_FilterOnly", () => In(Updater(10), () => Update(scoped, false))),
                ("Update100_Rls", "Update100_FilterOnly", () => In(Updater(11), () => Update(rls, true))),
                ("Update100_RlsDoBlock (before)", "Update100_FilterOnly", () => In(Updater(12), () => Update(doBlock, true))),
                ("Update100_FilterOnly_AutoPrepare", "Update100_FilterOnly_AutoPrepare", () => In(Updater(13), () => Update(scopedPrepared, false))),
                ("Update100_Rls_AutoPrepare", "Update100_FilterOnly_AutoPrepare", () => In(Updater(14), () => Update(rlsPrepared, true))),
                ("Insert100_FilterOnly", "Insert100_FilterOnly", () => In(Inserter, () => Insert(scoped, false))),
                ("Insert100_Rls", "Insert100_FilterOnly", () => In(Inserter, () => Insert(rls, true))),
                ("Insert100_FilterOnly_AutoPrepare", "Insert100_FilterOnly_AutoPrepare", () => In(Inserter, () => Insert(scopedPrepared, false))),
                ("Insert100_Rls_AutoPrepare", "Insert100_FilterOnly_AutoPrepare", () => In(Inserter, () => Insert(rlsPrepared, true))),
            };

            var times = variants.Select(_ => new List<double>(rounds)).ToArray();
            var warmup = Math.Max(20, rounds / 10);
            Console.WriteLine($"interleaved: {variants.Length} variants, {warmup} warm-up + {rounds} rounds; load average {LoadAverage()}");
            for (var round = -warmup; round < rounds; round++)
            {
                for (var k = 0; k < variants.Length; k++)
                {
                    var i = (k + Math.Max(round, 0)) % variants.Length;
                    var start = Stopwatch.GetTimestamp();
                    if (variants[i].Run() != 100)
                    {
                        throw new InvalidOperationException($"{variants[i].Name} did not touch 100 rows.");
                    }

                    if (round >= 0)
                    {
                        times[i].Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds);
                    }
                }
            }

            Console.WriteLine($"load average at the end {LoadAverage()}");
            Console.WriteLine("| Variant | min | p10 | median | p10 vs baseline | median vs baseline |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: |");
            var stats = variants.Select((v, i) => (v.Name, v.Baseline, Stats: Stats(times[i]))).ToDictionary(v => v.Name);
            foreach (var (name, baseline, (min, p10, median)) in stats.Values)
            {
                var b = stats[baseline].Stats;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {name} | {min:F0} µs | {p10:F0} µs | {median:F0} µs | {p10 / b.P10:F3} | {median / b.Median:F3} |"));
            }
        }
        finally
        {
            database.Drop();
        }
    }

    private static (double Min, double P10, double Median) Stats(List<double> values)
    {
        values.Sort();
        return (values[0], values[values.Count / 10], values[values.Count / 2]);
    }

    /// <summary>Each update variant changes its own tenant's rows (contiguous pages), so none reads another's dead tuples.</summary>
    private static TenantInfo Updater(int tenant) => new($"tenant-{tenant:D3}", $"tenant-{tenant:D3}", "Updater");

    private static int In(TenantInfo tenant, Func<int> run)
    {
        using var scope = AmbientCurrentTenant.Instance.Begin(tenant);
        return run();
    }

    private static int Query(PooledDbContextFactory<BenchDb> factory, bool rls)
    {
        using var db = factory.CreateDbContext();
        return rls ? db.RlsItems.AsNoTracking().ToList().Count : db.ScopedItems.AsNoTracking().ToList().Count;
    }

    private static int Update(PooledDbContextFactory<BenchDb> factory, bool rls)
    {
        using var db = factory.CreateDbContext();
        return rls
            ? db.RlsItems.ExecuteUpdate(s => s.SetProperty(i => i.Quantity, i => i.Quantity + 1))
            : db.ScopedItems.ExecuteUpdate(s => s.SetProperty(i => i.Quantity, i => i.Quantity + 1));
    }

    private static int Insert(PooledDbContextFactory<BenchDb> factory, bool rls)
    {
        using var db = factory.CreateDbContext();
        for (var i = 0; i < 100; i++)
        {
            if (rls)
            {
                db.RlsItems.Add(new RlsItem { Name = "new", Quantity = i });
            }
            else
            {
                db.ScopedItems.Add(new ScopedItem { Name = "new", Quantity = i });
            }
        }

        return db.SaveChanges();
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
