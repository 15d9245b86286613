namespace Tenancy.Scim.Filters;

/// <summary>A negation: <c>not (filter)</c>.</summary>
public sealed class ScimNotFilter : ScimFilter
{
    /// <summary>Creates the negation.</summary>
    /// <param name="inner">The negated filter.</param>
    public ScimNotFilter(ScimFilter inner)
    {
        ArgumentNullException.ThrowIfNull(inner);
        Inner = inner;
    }

    /// <summary>The negated filter.</summary>
    public ScimFilter Inner { get; }

    /// <inheritdoc />
    public override string ToString() => $"not ({Inner})";
}
