namespace Tenancy.Scim.Errors;

/// <summary>The <c>scimType</c> values of RFC 7644 §3.12 that this server answers with.</summary>
public static class ScimErrorType
{
    /// <summary>The filter syntax was invalid or the filter cannot be answered.</summary>
    public const string InvalidFilter = "invalidFilter";

    /// <summary>The filter yields too many results.</summary>
    public const string TooMany = "tooMany";

    /// <summary>One or more attribute values are already in use or reserved.</summary>
    public const string Uniqueness = "uniqueness";

    /// <summary>The attempted modification is not compatible with the target attribute's mutability.</summary>
    public const string Mutability = "mutability";

    /// <summary>The request body structure was invalid or did not conform to the schema.</summary>
    public const string InvalidSyntax = "invalidSyntax";

    /// <summary>The PATCH path was invalid.</summary>
    public const string InvalidPath = "invalidPath";

    /// <summary>The PATCH path did not yield an attribute or value that could be operated on.</summary>
    public const string NoTarget = "noTarget";

    /// <summary>A required value was missing or a value was not compatible with the attribute's type.</summary>
    public const string InvalidValue = "invalidValue";

    /// <summary>The SCIM protocol version is not supported.</summary>
    public const string InvalidVersion = "invalidVers";
}
