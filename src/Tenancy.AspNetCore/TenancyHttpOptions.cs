namespace Tenancy.AspNetCore;

/// <summary>Options of the tenant resolution middleware (<c>app.UseTenancy()</c>).</summary>
public sealed class TenancyHttpOptions
{
    /// <summary>
    /// Whether an endpoint without tenant metadata needs a tenant (the default, fail closed). When off, such an
    /// endpoint runs without a tenant when the request names none; a request that names a bad, unknown, conflicting
    /// or inactive tenant is still rejected.
    /// </summary>
    public bool RequireTenantByDefault { get; set; } = true;

    /// <summary>
    /// Whether the path strategy's segment moves into <c>PathBase</c> (<c>/acme/orders</c> → <c>PathBase=/acme</c>,
    /// <c>Path=/orders</c>) so that routes and generated links stay tenant-agnostic. On by default.
    /// </summary>
    public bool RebasePathBase { get; set; } = true;
}
