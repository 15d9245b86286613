namespace Tenancy.Scim.Schema;

/// <summary>How an attribute's values must be unique (RFC 7643 §7). "Server" means unique within the tenant here.</summary>
public enum ScimUniqueness
{
    /// <summary>No uniqueness is enforced.</summary>
    None,

    /// <summary>Unique within the tenant's directory (409 uniqueness on a clash).</summary>
    Server,

    /// <summary>Globally unique.</summary>
    Global,
}
