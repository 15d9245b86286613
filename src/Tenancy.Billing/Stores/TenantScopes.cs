using Tenancy.Stores;

namespace Tenancy.Billing.Stores;

/// <summary>
/// Chooses the tenant a store call that names one runs as. When a tenant is already current it stays current, so the
/// tenant filter, save guard and row-level security answer for it (another tenant's rows are invisible and unwritable);
/// otherwise (host work) the named tenant. The caller begins the scope itself: an async-local set inside this method would not outlive it.
/// </summary>
internal static class TenantScopes
{
    public static async ValueTask<TenantInfo> ResolveAsync(ICurrentTenant current, ITenantStore tenants, string tenantId, CancellationToken cancellationToken) =>
        current.Tenant
        ?? await tenants.FindByIdAsync(tenantId, cancellationToken).ConfigureAwait(false)
        ?? throw new ArgumentException($"Tenant '{tenantId}' does not exist.", nameof(tenantId));
}
