namespace Tenancy.AspNetCore.Metadata;

/// <summary>What an endpoint needs from tenant resolution.</summary>
public enum TenantRequirement
{
    /// <summary>The endpoint needs a tenant: a request that names none is answered 400.</summary>
    Required = 0,

    /// <summary>
    /// The endpoint uses a tenant when the request names one and runs without a tenant otherwise. A request that names a
    /// malformed, unknown, conflicting or inactive tenant is still rejected.
    /// </summary>
    Optional = 1,

    /// <summary>The endpoint serves requests without a tenant: resolution is skipped and no tenant is current.</summary>
    AllowWithoutTenant = 2,
}
