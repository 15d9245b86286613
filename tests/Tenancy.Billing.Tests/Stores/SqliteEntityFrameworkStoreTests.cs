using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Tenancy.Billing.Tests.Stores;

/// <summary>The EF stores on one SQLite file shared by the hosts (tenant filter and save guard).</summary>
public sealed class SqliteEntityFrameworkStoreTests : EntityFrameworkStoreTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "tenancy-billing-" + Guid.NewGuid().ToString("N") + ".db");

    private string ConnectionString => $"Data Source={_path};Pooling=False";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = new BillingDb(new DbContextOptionsBuilder<BillingDb>().UseSqlite(ConnectionString).UseTenancy().Options);
        await db.Database.EnsureCreatedAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        File.Delete(_path);
    }

    protected override void AddDatabase(TenancyBuilder tenancy) => tenancy.AddTenantDbContext<BillingDb>((_, db) => db.UseSqlite(ConnectionString));
}
