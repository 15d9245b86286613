namespace Tenancy.Scim.Filters;

/// <summary>Two filters joined by <c>and</c> or <c>or</c>.</summary>
public sealed class ScimLogicalFilter : ScimFilter
{
    /// <summary>Creates the filter.</summary>
    /// <param name="operator">The operator.</param>
    /// <param name="left">The left operand.</param>
    /// <param name="right">The right operand.</param>
    public ScimLogicalFilter(ScimLogicalOperator @operator, ScimFilter left, ScimFilter right)
    {
        ArgumentNullException.ThrowIfNull(left);
        ArgumentNullException.ThrowIfNull(right);
        Operator = @operator;
        Left = left;
        Right = right;
    }

    /// <summary>The operator.</summary>
    public ScimLogicalOperator Operator { get; }

    /// <summary>The left operand.</summary>
    public ScimFilter Left { get; }

    /// <summary>The right operand.</summary>
    public ScimFilter Right { get; }

    /// <inheritdoc />
    public override string ToString() => $"({Left} {(Operator == ScimLogicalOperator.And ? "and" : "or")} {Right})";
}
