using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Tenancy.EntityFramework.Tests.Identity;

/// <summary>
/// An ASP.NET Core Identity context, which must derive from <see cref="IdentityDbContext{TUser}"/>, opted into Tenancy
/// with <see cref="ITenantDbContext"/>: every Identity table is tenant-scoped (shadow <c>TenantId</c>), so user and role
/// names are unique per tenant.
/// </summary>
public sealed class TenantIdentityDb : IdentityDbContext<IdentityUser>, ITenantDbContext
{
    public TenantIdentityDb(DbContextOptions<TenantIdentityDb> options)
        : base(options) => Tenancy = new TenancyDbContextState(this, options);

    public TenancyDbContextState Tenancy { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<IdentityUser>().IsTenantScoped();
        builder.Entity<IdentityRole>().IsTenantScoped();
        builder.Entity<IdentityUserRole<string>>().IsTenantScoped();
        builder.Entity<IdentityUserClaim<string>>().IsTenantScoped();
        builder.Entity<IdentityUserLogin<string>>().IsTenantScoped();
        builder.Entity<IdentityUserToken<string>>().IsTenantScoped();
        builder.Entity<IdentityRoleClaim<string>>().IsTenantScoped();
    }
}
