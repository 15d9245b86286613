namespace Tenancy.Resolution;

/// <summary>How resolution ended.</summary>
public enum TenantResolutionOutcome
{
    /// <summary>No strategy found a tenant key in the request.</summary>
    NotResolved = 0,

    /// <summary>An active tenant was found.</summary>
    Resolved = 1,

    /// <summary>A strategy found a key, but no tenant has it.</summary>
    NotFound = 2,

    /// <summary>A strategy found a malformed key (bad characters, too long, repeated, reserved).</summary>
    InvalidIdentifier = 3,

    /// <summary>Two sources name different tenants (a header that disagrees with the authenticated claim, or with the host).</summary>
    Conflict = 4,

    /// <summary>The tenant exists but is suspended, archived or pending.</summary>
    Inactive = 5,
}
