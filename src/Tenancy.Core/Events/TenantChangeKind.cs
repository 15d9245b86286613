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
}
