using Microsoft.EntityFrameworkCore;

namespace Tenancy.EntityFramework.Stores;

/// <summary>A context with only the tenant store tables, for applications that keep tenants apart from their data.</summary>
/// <param name="options">The options.</param>
public sealed class TenantStoreDbContext(DbContextOptions<TenantStoreDbContext> options) : DbContext(options)
{
    /// <summary>The tenants.</summary>
    public DbSet<TenantRecord> Tenants => Set<TenantRecord>();

    /// <summary>The custom domains.</summary>
    public DbSet<TenantDomainRecord> Domains => Set<TenantDomainRecord>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyTenantStore();
}
