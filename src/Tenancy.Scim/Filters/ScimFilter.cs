namespace Tenancy.Scim.Filters;

/// <summary>
/// A parsed SCIM filter (RFC 7644 §3.4.2.2): the root of an abstract syntax tree built by <see cref="ScimFilterParser"/>.
/// </summary>
public abstract class ScimFilter
{
    private protected ScimFilter()
    {
    }

    /// <summary>Renders the filter in SCIM syntax, fully parenthesised.</summary>
    /// <returns>The filter text.</returns>
    public abstract override string ToString();
}
