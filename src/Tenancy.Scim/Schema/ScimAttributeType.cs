namespace Tenancy.Scim.Schema;

/// <summary>The data types of RFC 7643 §2.3.</summary>
public enum ScimAttributeType
{
    /// <summary>A string.</summary>
    String,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A decimal number.</summary>
    Decimal,

    /// <summary>An integer.</summary>
    Integer,

    /// <summary>An xsd:dateTime string.</summary>
    DateTime,

    /// <summary>Base64 binary.</summary>
    Binary,

    /// <summary>A URI reference.</summary>
    Reference,

    /// <summary>A complex attribute with sub-attributes.</summary>
    Complex,
}
