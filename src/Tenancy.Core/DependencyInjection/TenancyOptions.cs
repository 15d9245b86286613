namespace Tenancy;

/// <summary>Options for tenant resolution, bound by <c>AddTenancy</c> and validated at start-up.</summary>
public sealed class TenancyOptions
{
    /// <summary>
    /// Whether a resolved tenant that is not <see cref="TenantStatus.Active"/> ends resolution as
    /// <see cref="Resolution.TenantResolutionOutcome.Inactive"/> (the default, fail closed).
    /// </summary>
    public bool RejectInactiveTenants { get; set; } = true;

    /// <summary>
    /// Whether an authoritative strategy (an authenticated tenant claim) must agree with every other strategy that finds
    /// a key. On by default; turning it off lets the first strategy win even against the principal, which is unsafe.
    /// </summary>
    public bool RequireAgreementWithAuthenticatedTenant { get; set; } = true;

    /// <summary>
    /// Identifiers, besides <see cref="TenantIdentifier.DefaultReservedWords"/>, that resolution refuses as malformed
    /// (names of your own subdomains or first path segments, such as <c>blog</c> or <c>shop</c>). Case-insensitive.
    /// </summary>
    public ISet<string> ReservedIdentifiers { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
