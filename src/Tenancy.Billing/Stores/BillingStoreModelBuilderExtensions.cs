using Tenancy.Billing.Stores;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the durable billing tables (usage reports, limit overrides, processed Stripe events) to the model of a host's <see cref="Tenancy.EntityFramework.TenantDbContext"/> or of any context that implements <see cref="Tenancy.EntityFramework.ITenantDbContext"/>.</summary>
public static class BillingStoreModelBuilderExtensions
{
    /// <summary>The table of usage reported to Stripe (tenant-scoped).</summary>
    public const string UsageReportsTable = "billing_usage_reports";

    /// <summary>The table of per-tenant limit overrides (tenant-scoped).</summary>
    public const string OverridesTable = "billing_plan_overrides";

    /// <summary>The table of processed Stripe event ids (global, unique by event id).</summary>
    public const string StripeEventsTable = "billing_stripe_events";

    /// <summary>Maps the tables that <c>UseEntityFrameworkStores</c> uses. Call from <c>OnModelCreating</c>.</summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder AddTenancyBillingStores(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<UsageReportRecord>(e =>
        {
            e.ToTable(UsageReportsTable);
            e.HasKey(r => new { r.TenantId, r.Meter, r.PeriodStart });
            e.Property(r => r.Meter).HasMaxLength(64);
            e.Property(r => r.Identifier).HasMaxLength(200);
        });
        modelBuilder.Entity<PlanOverrideRecord>(e =>
        {
            e.ToTable(OverridesTable);
            e.HasKey(o => new { o.TenantId, o.Meter });
            e.Property(o => o.Meter).HasMaxLength(64);
            e.Property(o => o.Reason).HasMaxLength(500);
            e.Property(o => o.ApprovedBy).HasMaxLength(200);
        });
        modelBuilder.Entity<StripeEventRecord>(e =>
        {
            e.ToTable(StripeEventsTable);
            e.HasKey(s => s.EventId);
            e.Property(s => s.EventId).HasMaxLength(255);
        });
        return modelBuilder;
    }
}
