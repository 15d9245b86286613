using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Testing.Postgres;

namespace Tenancy.Billing.Tests.Stores;

/// <summary>The EF stores on one PostgreSQL database shared by the hosts, as the application role under row-level security.</summary>
public sealed class PostgresEntityFrameworkStoreTests : EntityFrameworkStoreTests
{
    private PostgresTestDatabase _database = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _database = await BillingDatabase.CreateAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    protected override void AddDatabase(TenancyBuilder tenancy) =>
        tenancy.AddTenantDbContext<BillingDb>((_, db) => db.UseNpgsql(_database.AppConnectionString), t => t.UseRowLevelSecurity());
}
