namespace Tenancy.Resolution;

/// <summary>How the resolver treats a <see cref="TenantCandidate"/>.</summary>
public enum TenantCandidateMode
{
    /// <summary>The request names this tenant: an unknown key ends resolution as not found.</summary>
    Required = 0,

    /// <summary>The key names a tenant only if one has it (a host that may be a custom domain); an unknown key lets resolution move on.</summary>
    IfKnown = 1,

    /// <summary>A default used only when no other strategy names a tenant; ignored when an authenticated tenant exists.</summary>
    Default = 2,
}
