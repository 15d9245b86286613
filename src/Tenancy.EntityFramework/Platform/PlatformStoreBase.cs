using Microsoft.EntityFrameworkCore;
using Tenancy.Stores;

namespace Tenancy.EntityFramework.Platform;

/// <summary>What the platform stores share: short-lived contexts rented inside the tenant they work for.</summary>
/// <typeparam name="TContext">The context with the platform tables.</typeparam>
public abstract class PlatformStoreBase<TContext>
    where TContext : DbContext, ITenantDbContext
{
    /// <summary>Creates the store.</summary>
    /// <param name="contexts">Creates contexts.</param>
    /// <param name="tenants">Finds tenants by id (to make them current).</param>
    /// <param name="currentTenant">The current-tenant accessor the contexts read.</param>
    protected PlatformStoreBase(IDbContextFactory<TContext> contexts, ITenantStore tenants, ICurrentTenant currentTenant)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        ArgumentNullException.ThrowIfNull(tenants);
        ArgumentNullException.ThrowIfNull(currentTenant);
        Contexts = contexts;
        Tenants = tenants;
        CurrentTenant = currentTenant;
    }

    /// <summary>Creates contexts.</summary>
    protected IDbContextFactory<TContext> Contexts { get; }

    /// <summary>Finds tenants.</summary>
    protected ITenantStore Tenants { get; }

    /// <summary>The current-tenant accessor.</summary>
    protected ICurrentTenant CurrentTenant { get; }

    /// <summary>
    /// Finds a tenant by id to make it current with <c>using var scope = CurrentTenant.Begin(tenant);</c> in the calling
    /// method (an async helper cannot set the ambient tenant for its caller). Throws <see cref="TenantNotFoundException"/>
    /// for an unknown tenant.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The tenant.</returns>
    protected async ValueTask<TenantInfo> FindTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        TenantId.Validate(tenantId);
        if (CurrentTenant.Tenant is { } current && string.Equals(current.Id, tenantId, StringComparison.Ordinal))
        {
            return current;
        }

        return await Tenants.FindByIdAsync(tenantId, cancellationToken).ConfigureAwait(false)
            ?? throw new TenantNotFoundException($"Tenant '{tenantId}' does not exist.");
    }

    /// <summary>Splits a space-separated list.</summary>
    /// <param name="value">The list.</param>
    /// <returns>The items.</returns>
    protected static string[] Split(string value) => value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
