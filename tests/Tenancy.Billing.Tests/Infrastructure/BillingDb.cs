using Microsoft.EntityFrameworkCore;
using Tenancy.Billing.Usage;
using Tenancy.EntityFramework;

namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>A host's tenant context with the usage-history table and the durable billing stores.</summary>
public sealed class BillingDb(DbContextOptions<BillingDb> options) : TenantDbContext(options)
{
    public DbSet<UsageSnapshot> Snapshots => Set<UsageSnapshot>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddTenancyBillingUsage().AddTenancyBillingStores();
}
