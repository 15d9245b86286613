using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;

namespace Tenancy.Scim.Tests.Infrastructure;

/// <summary>
/// A host whose context must derive from ASP.NET Core Identity's <see cref="IdentityDbContext{TUser}"/>: it opts into
/// Tenancy with <see cref="ITenantDbContext"/> and keeps the SCIM tables next to its users. Its SCIM tables are the same
/// as <see cref="ScimTestDb"/>'s, so the fixture's database serves both.
/// </summary>
public sealed class IdentityScimDb : IdentityDbContext<IdentityUser>, ITenantDbContext
{
    public IdentityScimDb(DbContextOptions<IdentityScimDb> options)
        : base(options) => Tenancy = new TenancyDbContextState(this, options);

    public TenancyDbContextState Tenancy { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyTenancyScim();
    }
}
