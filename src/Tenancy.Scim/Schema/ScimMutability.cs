namespace Tenancy.Scim.Schema;

/// <summary>Whether and how an attribute may be changed (RFC 7643 §7).</summary>
public enum ScimMutability
{
    /// <summary>The attribute may be updated and read.</summary>
    ReadWrite,

    /// <summary>The attribute is set by the server and cannot be written by clients; written values are ignored (PATCH: 400 mutability).</summary>
    ReadOnly,

    /// <summary>The attribute may be set once and not changed afterwards.</summary>
    Immutable,

    /// <summary>The attribute may be written but is never returned.</summary>
    WriteOnly,
}
