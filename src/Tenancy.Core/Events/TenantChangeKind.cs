namespace Tenancy.Events;

/// <summary>What happened to a tenant.</summary>
public enum TenantChangeKind
{
    /// <summary>The tenant was added.</summary>
    Added = 0,

    /// <summary>The tenant was changed (status, domains, plan …).</summary>
    Updated = 1,

    /// <summary>The tenant was removed.</summary>
    Removed = 2,

    /// <summary>
    /// Any tenant may have changed (a backplane reconnected after changes may have been missed): subscribers drop
    /// everything they derived from tenants. <see cref="TenantChange.TenantId"/> is <see cref="TenantChange.AllTenants"/>.
    /// </summary>
    Reset = 3,

    /// <summary>
    /// A tenant's API keys or memberships/roles changed (not the tenant itself): <see cref="TenantChange.Keys"/> names them
    /// (<see cref="TenantChange.ApiKeyPrefix"/>id, <see cref="TenantChange.MemberPrefix"/>user); no keys means all of the
    /// tenant's. Tenant lookups, per-tenant options and rate-limit partitions ignore it.
    /// </summary>
    AccessChanged = 4,
}
