using Microsoft.EntityFrameworkCore;

namespace Tenancy.EntityFramework.Benchmarks;

/// <summary>A row without tenancy; <see cref="GroupId"/> plays the tenant's part so both queries read 100 rows through an index.</summary>
public sealed class PlainItem
{
    public int Id { get; set; }

    public string GroupId { get; set; } = "";

    public string Name { get; set; } = "";

    public int Quantity { get; set; }
}

public sealed class ScopedItem : ITenantScoped
{
    public int Id { get; set; }

    public string TenantId { get; set; } = "";

    public string Name { get; set; } = "";

    public int Quantity { get; set; }
}

/// <summary>Same shape as <see cref="ScopedItem"/>, in a table with row-level security (PostgreSQL).</summary>
public sealed class RlsItem : ITenantScoped
{
    public int Id { get; set; }

    public string TenantId { get; set; } = "";

    public string Name { get; set; } = "";

    public int Quantity { get; set; }
}

public sealed class BenchDb(DbContextOptions<BenchDb> options) : TenantDbContext(options)
{
    public DbSet<PlainItem> PlainItems => Set<PlainItem>();

    public DbSet<ScopedItem> ScopedItems => Set<ScopedItem>();

    public DbSet<RlsItem> RlsItems => Set<RlsItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PlainItem>().HasIndex(i => i.GroupId);
        modelBuilder.Entity<PlainItem>().Property(i => i.GroupId).HasMaxLength(64);
        modelBuilder.Entity<ScopedItem>().HasIndex(i => i.Name);
        modelBuilder.Entity<RlsItem>().HasIndex(i => i.Name);
    }
}

/// <summary>The same model without Tenancy: the "plain EF" baseline context.</summary>
public sealed class PlainDb(DbContextOptions<PlainDb> options) : DbContext(options)
{
    public DbSet<PlainItem> PlainItems => Set<PlainItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<PlainItem>().HasIndex(i => i.GroupId);
        modelBuilder.Entity<PlainItem>().Property(i => i.GroupId).HasMaxLength(64);
    }
}
