using Microsoft.EntityFrameworkCore;

namespace Tenancy.Billing.Usage;

/// <summary>Adds the usage-history table to a host's <see cref="EntityFramework.TenantDbContext"/> model.</summary>
public static class UsageModelBuilderExtensions
{
    /// <summary>The table name.</summary>
    public const string TableName = "billing_usage_snapshots";

    /// <summary>Maps <see cref="UsageSnapshot"/> (key: tenant, meter, day) to <see cref="TableName"/>. Call from <c>OnModelCreating</c>.</summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder AddTenancyBillingUsage(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<UsageSnapshot>(e =>
        {
            e.ToTable(TableName);
            e.HasKey(s => new { s.TenantId, s.Meter, s.Day });
            e.Property(s => s.Meter).HasMaxLength(64);
        });
        return modelBuilder;
    }
}
