using Microsoft.EntityFrameworkCore;

namespace Tenancy.EntityFramework.Platform;

/// <summary>
/// A ready-made context with only the platform tables (<see cref="TenancyPlatformModelBuilderExtensions.ApplyTenancyPlatform"/>),
/// for hosts that keep them apart from their own data. Register it with <c>AddPooledTenantDbContextFactory</c>.
/// </summary>
public sealed class TenancyPlatformDbContext : TenantDbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">Options configured with <c>UseTenancy()</c>.</param>
    public TenancyPlatformDbContext(DbContextOptions<TenancyPlatformDbContext> options)
        : base(options)
    {
    }

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyTenancyPlatform();
}
