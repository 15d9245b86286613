namespace Tenancy.Scim.Filters;

/// <summary>A presence test: <c>title pr</c>.</summary>
public sealed class ScimPresentFilter : ScimFilter
{
    /// <summary>Creates a presence test.</summary>
    /// <param name="path">The attribute.</param>
    public ScimPresentFilter(ScimAttributePath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = path;
    }

    /// <summary>The attribute.</summary>
    public ScimAttributePath Path { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Path} pr";
}
