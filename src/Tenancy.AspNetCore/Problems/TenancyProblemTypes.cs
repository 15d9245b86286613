namespace Tenancy.AspNetCore.Problems;

/// <summary>
/// The <c>type</c> URIs of the RFC 9457 problem details that Tenancy answers with, so that clients can tell the
/// failures apart without parsing titles.
/// </summary>
public static class TenancyProblemTypes
{
    /// <summary>400: the request names a tenant with a malformed identifier (bad characters, too long, repeated, reserved).</summary>
    public const string InvalidIdentifier = "urn:tenancy:problem:invalid-tenant-identifier";

    /// <summary>400: the endpoint needs a tenant and the request names none.</summary>
    public const string TenantRequired = "urn:tenancy:problem:tenant-required";

    /// <summary>403: two sources name different tenants (a header that differs from the authenticated tenant or from the host).</summary>
    public const string Conflict = "urn:tenancy:problem:tenant-conflict";

    /// <summary>404: the request names a tenant that does not exist.</summary>
    public const string NotFound = "urn:tenancy:problem:tenant-not-found";

    /// <summary>423: the tenant exists but is suspended, archived or pending.</summary>
    public const string Inactive = "urn:tenancy:problem:tenant-inactive";

    /// <summary>429: the tenant has used up its request allowance for now; see the <c>Retry-After</c> header.</summary>
    public const string RateLimited = "urn:tenancy:problem:tenant-rate-limited";

    /// <summary>503: the tenant store could not be reached.</summary>
    public const string StoreUnavailable = "urn:tenancy:problem:tenant-store-unavailable";
}
