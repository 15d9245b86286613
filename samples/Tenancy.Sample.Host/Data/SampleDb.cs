using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;

namespace Tenancy.Sample.Host.Data;

/// <summary>The sample's tenant data: projects and their notes.</summary>
public sealed class SampleDb(DbContextOptions<SampleDb> options) : TenantDbContext(options)
{
    public DbSet<Project> Projects => Set<Project>();

    public DbSet<ProjectNote> Notes => Set<ProjectNote>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Project>().Property(p => p.Name).HasMaxLength(200);
        modelBuilder.Entity<Project>().HasIndex(p => p.Name).IsUnique();
        modelBuilder.Entity<ProjectNote>().Property(n => n.Text).HasMaxLength(2000);
    }
}
