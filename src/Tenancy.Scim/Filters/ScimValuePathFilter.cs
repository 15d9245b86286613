namespace Tenancy.Scim.Filters;

/// <summary>
/// A value-path filter over the values of a multi-valued complex attribute: <c>emails[type eq "work" and value co "@example.com"]</c>.
/// The inner filter's paths name sub-attributes.
/// </summary>
public sealed class ScimValuePathFilter : ScimFilter
{
    /// <summary>Creates the filter.</summary>
    /// <param name="path">The multi-valued attribute (no sub-attribute).</param>
    /// <param name="filter">The filter over its values.</param>
    public ScimValuePathFilter(ScimAttributePath path, ScimFilter filter)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(filter);
        Path = path;
        Filter = filter;
    }

    /// <summary>The multi-valued attribute.</summary>
    public ScimAttributePath Path { get; }

    /// <summary>The filter over its values.</summary>
    public ScimFilter Filter { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Path}[{Filter}]";
}
