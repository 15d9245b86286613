using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.Platform;

namespace Tenancy.EntityFramework.Tests.Identity;

/// <summary>
/// The platform tables (API keys, members, audit log, lifecycle journal) in a plain <see cref="DbContext"/> that opts into
/// Tenancy with <see cref="ITenantDbContext"/> instead of deriving from <see cref="TenantDbContext"/>.
/// </summary>
public sealed class PlainPlatformDb : DbContext, ITenantDbContext
{
    public PlainPlatformDb(DbContextOptions<PlainPlatformDb> options)
        : base(options) => Tenancy = new TenancyDbContextState(this, options);

    public TenancyDbContextState Tenancy { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyTenancyPlatform();
}
