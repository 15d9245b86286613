namespace Tenancy.Scim.Schema;

/// <summary>When an attribute is returned in a response (RFC 7643 §7).</summary>
public enum ScimReturned
{
    /// <summary>Returned by default, and unless excluded.</summary>
    Default,

    /// <summary>Always returned, whatever <c>attributes</c>/<c>excludedAttributes</c> say.</summary>
    Always,

    /// <summary>Never returned.</summary>
    Never,

    /// <summary>Returned only when named in <c>attributes</c>.</summary>
    Request,
}
