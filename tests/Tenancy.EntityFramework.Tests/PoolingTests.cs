using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Tenancy.EntityFramework.Tests;

public sealed class PoolingTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public PoolingTests()
    {
        _database.Seed(Tenants.Acme, "a1", "a2");
        _database.Seed(Tenants.Globex, "g1");
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public void A_context_pool_serves_the_tenant_current_at_each_rental()
    {
        var services = new ServiceCollection();
        services.AddTenancy().AddTenantDbContextPool<TestDb>((_, o) => o.UseSqlite(_database.ConnectionString), poolSize: 1);
        using var provider = services.BuildServiceProvider();

        TestDb first;
        using (Tenants.Begin(Tenants.Acme))
        using (var scope = provider.CreateScope())
        {
            first = scope.ServiceProvider.GetRequiredService<TestDb>();
            first.Notes.Count().Should().Be(2);
            first.Notes.Add(new Note { Title = "a3" });
            first.SaveChanges();
        }

        using (Tenants.Begin(Tenants.Globex))
        using (var scope = provider.CreateScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<TestDb>();
            second.Should().BeSameAs(first, "the pool hands the same instance back");
            second.Notes.Select(n => n.Title).ToList().Should().Equal("g1");
            second.ChangeTracker.Entries().Should().BeEmpty();
        }

        using (var scope = provider.CreateScope())
        {
            var third = scope.ServiceProvider.GetRequiredService<TestDb>();
            FluentActions.Invoking(() => third.Notes.ToList()).Should().Throw<TenantNotResolvedException>();
        }
    }

    [Fact]
    public async Task A_pooled_factory_serves_the_tenant_current_at_each_rental()
    {
        var services = new ServiceCollection();
        services.AddTenancy().AddPooledTenantDbContextFactory<TestDb>((_, o) => o.UseSqlite(_database.ConnectionString), poolSize: 1);
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IDbContextFactory<TestDb>>();

        await using (var db = await factory.CreateDbContextAsync())
        {
            using (db.BypassTenantFilter("test: leave a bypass open on a pooled context"))
            {
                (await db.Notes.IgnoreTenantFilter().CountAsync()).Should().Be(3);
            }

            _ = db.BypassTenantFilter("never disposed");
        }

        using (Tenants.Begin(Tenants.Globex))
        {
            await using var db = await factory.CreateDbContextAsync();
            db.IsTenantFilterBypassed.Should().BeFalse("a bypass never outlives the rental");
            (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("g1");
            FluentActions.Invoking(() => db.Notes.IgnoreTenantFilter()).Should().Throw<TenancyException>();
        }

        using (Tenants.Begin(Tenants.Acme))
        {
            await using var db = await factory.CreateDbContextAsync();
            (await db.Notes.CountAsync()).Should().Be(2);
        }
    }

    [Fact]
    public void Schema_per_tenant_is_refused_for_a_context_pool()
    {
        var services = new ServiceCollection();
        services.AddTenancy().AddTenantDbContextPool<TestDb>((_, o) => o.UseSqlite(_database.ConnectionString), t => t.UseSchemaPerTenant(x => x.Id));
        using var provider = services.BuildServiceProvider();
        using var scope = Tenants.Begin(Tenants.Acme);
        using var services2 = provider.CreateScope();

        FluentActions.Invoking(() => services2.ServiceProvider.GetRequiredService<TestDb>()).Should().Throw<InvalidOperationException>().WithMessage("*Schema-per-tenant*");
    }

    [Fact]
    public void A_plain_scoped_context_serves_the_current_tenant()
    {
        var services = new ServiceCollection();
        services.AddTenancy().AddTenantDbContext<TestDb>((_, o) => o.UseSqlite(_database.ConnectionString));
        using var provider = services.BuildServiceProvider();

        foreach (var (tenant, count) in new[] { (Tenants.Acme, 2), (Tenants.Globex, 1) })
        {
            using var tenantScope = Tenants.Begin(tenant);
            using var scope = provider.CreateScope();
            scope.ServiceProvider.GetRequiredService<TestDb>().Notes.Count().Should().Be(count);
        }
    }

    [Fact]
    public void Concurrent_tenants_on_a_pool_never_see_each_other()
    {
        var services = new ServiceCollection();
        services.AddTenancy().AddPooledTenantDbContextFactory<TestDb>((_, o) => o.UseSqlite(_database.ConnectionString), poolSize: 2);
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IDbContextFactory<TestDb>>();

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var tenant = i % 2 == 0 ? Tenants.Acme : Tenants.Globex;
            using var scope = Tenants.Begin(tenant);
            using var db = factory.CreateDbContext();
            db.Notes.Select(n => n.TenantId).Distinct().ToList().Should().Equal(tenant.Id);
        });
    }
}
