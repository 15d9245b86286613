using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.EntityFramework;
using Tenancy.Testing.Postgres;

namespace Tenancy.Billing.Tests.Stores;

/// <summary>The EF stores on one PostgreSQL database shared by the hosts, as the application role under row-level security.</summary>
/// <typeparam name="TContext">The host's context.</typeparam>
public abstract class PostgresEntityFrameworkStoreTests<TContext> : EntityFrameworkStoreTests<TContext>
    where TContext : DbContext, ITenantDbContext
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
        tenancy.AddTenantDbContext<TContext>((_, db) => db.UseNpgsql(_database.AppConnectionString), t => t.UseRowLevelSecurity());
}

/// <summary>The EF stores on PostgreSQL through a <see cref="TenantDbContext"/>.</summary>
public sealed class PostgresEntityFrameworkStoreTests : PostgresEntityFrameworkStoreTests<BillingDb>;

/// <summary>The EF stores on PostgreSQL through an <c>IdentityDbContext</c> that implements <see cref="ITenantDbContext"/>.</summary>
public sealed class PostgresIdentityEntityFrameworkStoreTests : PostgresEntityFrameworkStoreTests<IdentityBillingDb>;
