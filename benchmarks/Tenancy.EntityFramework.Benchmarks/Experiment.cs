using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tenancy.EntityFramework.Benchmarks;

public static class Experiment
{
    public static void Run()
    {
        var path = Path.Combine(Path.GetTempPath(), $"exp-{Guid.NewGuid():N}.db");
        var cs = $"Data Source={path}";
        var plain = new PooledDbContextFactory<PlainDb>(new DbContextOptionsBuilder<PlainDb>().UseSqlite(cs).Options);
        var scoped = new PooledDbContextFactory<BenchDb>(new DbContextOptionsBuilder<BenchDb>().UseSqlite(cs).UseTenancy().Options);
        using (var db = scoped.CreateDbContext()) { db.Database.EnsureCreated(); }
        using var t = AmbientCurrentTenant.Instance.Begin(new TenantInfo("x", "x", "x"));
        long Measure(Action a) { for (var i = 0; i < 50; i++) a(); var b = GC.GetAllocatedBytesForCurrentThread(); for (var i = 0; i < 100; i++) a(); return (GC.GetAllocatedBytesForCurrentThread() - b) / 100; }
        void P() { using var db = plain.CreateDbContext(); for (var i = 0; i < 100; i++) db.PlainItems.Add(new PlainItem { GroupId = "x", Name = "new", Quantity = i }); db.SaveChanges(); }
        void S() { using var db = scoped.CreateDbContext(); for (var i = 0; i < 100; i++) db.ScopedItems.Add(new ScopedItem { Name = "new", Quantity = i }); db.SaveChanges(); }
        void PS() { using var db = scoped.CreateDbContext(); for (var i = 0; i < 100; i++) db.PlainItems.Add(new PlainItem { GroupId = "x", Name = "new", Quantity = i }); db.SaveChanges(); }
        Console.WriteLine($"plain ctx plain items {Measure(P)}");
        Console.WriteLine($"scoped ctx plain items {Measure(PS)}");
        Console.WriteLine($"scoped {Measure(S)}");
        File.Delete(path);
    }
}
