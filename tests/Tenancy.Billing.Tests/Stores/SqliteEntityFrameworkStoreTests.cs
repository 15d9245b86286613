using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.EntityFramework;

namespace Tenancy.Billing.Tests.Stores;

/// <summary>The EF stores on one SQLite file shared by the hosts (tenant filter and save guard).</summary>
/// <typeparam name="TContext">The host's context.</typeparam>
public abstract class SqliteEntityFrameworkStoreTests<TContext> : EntityFrameworkStoreTests<TContext>
    where TContext : DbContext, ITenantDbContext
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "tenancy-billing-" + Guid.NewGuid().ToString("N") + ".db");

    private string ConnectionString => $"Data Source={_path};Pooling=False";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = Create(new DbContextOptionsBuilder<TContext>().UseSqlite(ConnectionString).UseTenancy().Options);
        await db.Database.EnsureCreatedAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_path);
    }

    protected abstract TContext Create(DbContextOptions<TContext> options);

    protected override void AddDatabase(TenancyBuilder tenancy) => tenancy.AddTenantDbContext<TContext>((_, db) => db.UseSqlite(ConnectionString));
}

/// <summary>The EF stores on SQLite through a <see cref="TenantDbContext"/>.</summary>
public sealed class SqliteEntityFrameworkStoreTests : SqliteEntityFrameworkStoreTests<BillingDb>
{
    protected override BillingDb Create(DbContextOptions<BillingDb> options) => new(options);
}

/// <summary>The EF stores on SQLite through an <c>IdentityDbContext</c> that implements <see cref="ITenantDbContext"/>.</summary>
public sealed class SqliteIdentityEntityFrameworkStoreTests : SqliteEntityFrameworkStoreTests<IdentityBillingDb>
{
    protected override IdentityBillingDb Create(DbContextOptions<IdentityBillingDb> options) => new(options);
}
