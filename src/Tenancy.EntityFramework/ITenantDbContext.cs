namespace Tenancy.EntityFramework;

/// <summary>
/// Opts a <see cref="Microsoft.EntityFrameworkCore.DbContext"/> that cannot derive from <see cref="TenantDbContext"/>
/// (an ASP.NET Core Identity <c>IdentityDbContext</c>, or any other base class) into Tenancy: configure it with
/// <c>UseTenancy()</c> and create its <see cref="Tenancy"/> state in the constructor. The tenant filter, stamp and save
/// guards, the query guard and the interceptors then treat it exactly like a <see cref="TenantDbContext"/>.
/// </summary>
/// <example>
/// <code>
/// public sealed class AppIdentityDb : IdentityDbContext&lt;IdentityUser&gt;, ITenantDbContext
/// {
///     public AppIdentityDb(DbContextOptions&lt;AppIdentityDb&gt; options) : base(options) =&gt; Tenancy = new TenancyDbContextState(this, options);
///     public TenancyDbContextState Tenancy { get; }
/// }
/// </code>
/// </example>
public interface ITenantDbContext
{
    /// <summary>The context's Tenancy state (current tenant, bypass scopes). Create it once, in the constructor.</summary>
    TenancyDbContextState Tenancy { get; }
}
