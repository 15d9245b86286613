using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Tenancy.EntityFramework;

/// <summary>Query helpers for tenant-scoped entities.</summary>
public static class TenancyQueryableExtensions
{
    /// <summary>
    /// Queries every tenant's rows of <paramref name="set"/> while keeping the other named query filters (such as soft
    /// delete). Allowed only inside <see cref="TenantDbContext.BypassTenantFilter"/> (or <see cref="TenancyDbContextState.BypassTenantFilter"/> of an <see cref="ITenantDbContext"/>), which logs the bypass.
    /// </summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="set">The set.</param>
    /// <returns>The unfiltered query.</returns>
    /// <exception cref="TenancyException">No bypass scope is open.</exception>
    public static IQueryable<TEntity> IgnoreTenantFilter<TEntity>(this DbSet<TEntity> set)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(set);
        var context = set.GetService<ICurrentDbContext>().Context;
        if (TenancyDbContextState.Of(context) is not { IsTenantFilterBypassed: true })
        {
            throw new TenancyException("IgnoreTenantFilter is only allowed inside BypassTenantFilter(reason) (TenantDbContext.BypassTenantFilter, or Tenancy.BypassTenantFilter on an ITenantDbContext).");
        }

        return set.IgnoreQueryFilters([TenancyModel.TenantFilterName]);
    }
}
