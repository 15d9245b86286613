namespace Tenancy.Scim.Filters;

/// <summary>The logical operators <c>and</c> and <c>or</c>.</summary>
public enum ScimLogicalOperator
{
    /// <summary><c>and</c> (binds tighter than <c>or</c>).</summary>
    And,

    /// <summary><c>or</c>.</summary>
    Or,
}
