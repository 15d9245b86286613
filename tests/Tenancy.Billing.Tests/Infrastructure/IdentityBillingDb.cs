using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Tenancy.Billing.Usage;
using Tenancy.EntityFramework;

namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>
/// A host whose context must derive from ASP.NET Core Identity's <see cref="IdentityDbContext{TUser}"/>: it opts into
/// Tenancy with <see cref="ITenantDbContext"/> and keeps the usage history and the billing stores next to its users.
/// Its billing tables are the same as <see cref="BillingDb"/>'s, so the PostgreSQL fixture's database serves both.
/// </summary>
public sealed class IdentityBillingDb : IdentityDbContext<IdentityUser>, ITenantDbContext
{
    public IdentityBillingDb(DbContextOptions<IdentityBillingDb> options)
        : base(options) => Tenancy = new TenancyDbContextState(this, options);

    public TenancyDbContextState Tenancy { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.AddTenancyBillingUsage().AddTenancyBillingStores();
    }
}
