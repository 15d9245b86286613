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
    /// Whether every anonymous source that names a tenant (host, custom domain, header, path, query, delegate) must name
    /// the same tenant as the others; when two disagree, resolution ends in a conflict (403). On by default. Sources are
    /// compared by the tenant they resolve to, so an identifier and an id, case variants of a host, or a custom domain
    /// and the subdomain of the same tenant agree. Turning it off lets the first source in registration order win,
    /// which is weaker: a request can then carry a second, silently ignored tenant name (for example
    /// <c>Host: acme…</c> with <c>X-Tenant: globex</c> is served as Acme), which hides probing and misrouted clients.
    /// Defaults (<c>FromStatic</c>) never conflict: they apply only when no other source names a tenant.
    /// </summary>
    public bool RequireAgreementBetweenSources { get; set; } = true;

    /// <summary>
    /// Identifiers, besides <see cref="TenantIdentifier.DefaultReservedWords"/>, that resolution refuses as malformed
    /// (names of your own subdomains or first path segments, such as <c>blog</c> or <c>shop</c>). Case-insensitive.
    /// </summary>
    public ISet<string> ReservedIdentifiers { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
}
