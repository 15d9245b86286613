using Tenancy.Billing.Usage;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the usage-history table to the model of a host's tenant-aware context (a <see cref="Tenancy.EntityFramework.TenantDbContext"/> or any context that implements <see cref="Tenancy.EntityFramework.ITenantDbContext"/>).</summary>
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
