namespace Tenancy;

/// <summary>
/// The lifecycle status of a tenant. Only <see cref="Active"/> tenants are served; every other status fails closed.
/// </summary>
public enum TenantStatus
{
    /// <summary>The tenant has been created but is not provisioned or approved yet. Requests are refused.</summary>
    Pending = 0,

    /// <summary>The tenant is live and its requests are served.</summary>
    Active = 1,

    /// <summary>The tenant is temporarily blocked (for example for non-payment). Requests are refused; data is kept.</summary>
    Suspended = 2,

    /// <summary>The tenant has been offboarded. Requests are refused; data is kept until purged.</summary>
    Archived = 3,
}
