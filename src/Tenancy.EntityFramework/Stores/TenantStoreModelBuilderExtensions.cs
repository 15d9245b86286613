using Microsoft.EntityFrameworkCore;

namespace Tenancy.EntityFramework.Stores;

/// <summary>Adds the tables of <see cref="EfTenantStore{TContext}"/> to a model.</summary>
public static class TenantStoreModelBuilderExtensions
{
    /// <summary>
    /// Maps <see cref="TenantRecord"/> and <see cref="TenantDomainRecord"/> (tables <c>Tenants</c> and <c>TenantDomains</c>).
    /// Call it from <c>OnModelCreating</c> of the context that <see cref="EfTenantStore{TContext}"/> uses.
    /// </summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <param name="schema">The schema, or <see langword="null"/> for the default.</param>
    /// <returns>The same builder.</returns>
    public static ModelBuilder ApplyTenantStore(this ModelBuilder modelBuilder, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<TenantRecord>(tenant =>
        {
            tenant.ToTable("Tenants", schema);
            tenant.HasKey(t => t.Id);
            tenant.Property(t => t.Id).HasMaxLength(TenantId.MaxLength);
            tenant.Property(t => t.Identifier).HasMaxLength(TenantIdentifier.MaxLength);
            tenant.Property(t => t.Name).HasMaxLength(200);
            tenant.Property(t => t.Plan).HasMaxLength(100);
            tenant.Property(t => t.Region).HasMaxLength(100);
            tenant.HasIndex(t => t.Identifier).IsUnique();
            tenant.HasMany(t => t.Domains).WithOne().HasForeignKey(d => d.TenantId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TenantDomainRecord>(domain =>
        {
            domain.ToTable("TenantDomains", schema);
            domain.HasKey(d => d.Domain);
            domain.Property(d => d.Domain).HasMaxLength(TenantDomain.MaxLength);
            domain.Property(d => d.TenantId).HasMaxLength(TenantId.MaxLength);
        });
        return modelBuilder;
    }
}
