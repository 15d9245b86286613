namespace Tenancy.Resolution;

/// <summary>Which tenant key a strategy found in the request.</summary>
public enum TenantKeyKind
{
    /// <summary>The tenant's identifier (slug).</summary>
    Identifier = 0,

    /// <summary>The tenant's stable id.</summary>
    Id = 1,

    /// <summary>One of the tenant's custom domains.</summary>
    Domain = 2,
}
