namespace Tenancy.Scim.Filters;

/// <summary>The attribute operators of RFC 7644 §3.4.2.2 (<c>pr</c> is <see cref="ScimPresentFilter"/>).</summary>
public enum ScimComparisonOperator
{
    /// <summary><c>eq</c>.</summary>
    Equal,

    /// <summary><c>ne</c>.</summary>
    NotEqual,

    /// <summary><c>co</c>.</summary>
    Contains,

    /// <summary><c>sw</c>.</summary>
    StartsWith,

    /// <summary><c>ew</c>.</summary>
    EndsWith,

    /// <summary><c>gt</c>.</summary>
    GreaterThan,

    /// <summary><c>ge</c>.</summary>
    GreaterThanOrEqual,

    /// <summary><c>lt</c>.</summary>
    LessThan,

    /// <summary><c>le</c>.</summary>
    LessThanOrEqual,
}
