using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tenancy.EntityFramework.Benchmarks;

/// <summary>
/// 100 tenants × 100 rows per table (10,000 rows). Plain EF reads one group's 100 rows from a plain context
/// (<c>WHERE GroupId = @g</c>); Tenancy reads the current tenant's 100 rows through the tenant filter. Contexts come
/// from pooled factories, as in a web app.
/// </summary>
[MemoryDiagnoser]
public abstract class EfBenchmarkBase
{
    protected const int Tenants = 100;
    protected const int RowsPerTenant = 100;

    private TenantScope _scope;

    protected TenantInfo Tenant { get; } = new("tenant-042", "tenant-042", "Tenant 42");

    protected PooledDbContextFactory<PlainDb> Plain { get; set; } = null!;

    protected PooledDbContextFactory<BenchDb> Scoped { get; set; } = null!;

    protected static IEnumerable<(string Tenant, int Row)> Rows() =>
        from t in Enumerable.Range(0, Tenants) from r in Enumerable.Range(0, RowsPerTenant) select ($"tenant-{t:D3}", r);

    protected void BeginTenant() => _scope = AmbientCurrentTenant.Instance.Begin(Tenant);

    protected void EndTenant() => _scope.Dispose();

    internal static void Seed(BenchDb db)
    {
        using (db.BypassTenantFilter("benchmark seed"))
        {
            foreach (var (tenant, row) in Rows())
            {
                db.PlainItems.Add(new PlainItem { GroupId = tenant, Name = $"item {row}", Quantity = row });
                db.ScopedItems.Add(new ScopedItem { TenantId = tenant, Name = $"item {row}", Quantity = row });
                db.RlsItems.Add(new RlsItem { TenantId = tenant, Name = $"item {row}", Quantity = row });
            }

            db.SaveChanges();
        }
    }

    protected List<PlainItem> QueryPlain()
    {
        using var db = Plain.CreateDbContext();
        var group = Tenant.Id;
        return db.PlainItems.AsNoTracking().Where(i => i.GroupId == group).ToList();
    }

    protected List<ScopedItem> QueryScoped() => QueryScoped(Scoped);

    protected static List<ScopedItem> QueryScoped(PooledDbContextFactory<BenchDb> factory)
    {
        using var db = factory.CreateDbContext();
        return db.ScopedItems.AsNoTracking().ToList();
    }

    protected int InsertPlain()
    {
        using var db = Plain.CreateDbContext();
        var group = Tenant.Id;
        for (var i = 0; i < 100; i++)
        {
            db.PlainItems.Add(new PlainItem { GroupId = group, Name = "new", Quantity = i });
        }

        return db.SaveChanges();
    }

    protected static List<RlsItem> QueryRls(PooledDbContextFactory<BenchDb> factory)
    {
        using var db = factory.CreateDbContext();
        return db.RlsItems.AsNoTracking().ToList();
    }

    protected static int InsertRls(PooledDbContextFactory<BenchDb> factory)
    {
        using var db = factory.CreateDbContext();
        for (var i = 0; i < 100; i++)
        {
            db.RlsItems.Add(new RlsItem { Name = "new", Quantity = i });
        }

        return db.SaveChanges();
    }

    protected int InsertScoped() => InsertScoped(Scoped);

    protected static int InsertScoped(PooledDbContextFactory<BenchDb> factory)
    {
        using var db = factory.CreateDbContext();
        for (var i = 0; i < 100; i++)
        {
            db.ScopedItems.Add(new ScopedItem { Name = "new", Quantity = i });
        }

        return db.SaveChanges();
    }
}
