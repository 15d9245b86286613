using System.Text;

namespace Tenancy.Scim.Filters;

/// <summary>An attribute path: an optional schema URN, an attribute name and an optional sub-attribute (<c>name.familyName</c>).</summary>
public sealed class ScimAttributePath
{
    /// <summary>Creates a path.</summary>
    /// <param name="schemaUrn">The schema URN qualifying the attribute, or <see langword="null"/>.</param>
    /// <param name="name">The attribute name.</param>
    /// <param name="subAttribute">The sub-attribute name, or <see langword="null"/>.</param>
    public ScimAttributePath(string? schemaUrn, string name, string? subAttribute)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        SchemaUrn = schemaUrn;
        Name = name;
        SubAttribute = subAttribute;
    }

    /// <summary>The schema URN qualifying the attribute, or <see langword="null"/>.</summary>
    public string? SchemaUrn { get; }

    /// <summary>The attribute name as written (names compare without case).</summary>
    public string Name { get; }

    /// <summary>The sub-attribute name, or <see langword="null"/>.</summary>
    public string? SubAttribute { get; }

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder();
        if (SchemaUrn is not null)
        {
            text.Append(SchemaUrn).Append(':');
        }

        text.Append(Name);
        if (SubAttribute is not null)
        {
            text.Append('.').Append(SubAttribute);
        }

        return text.ToString();
    }
}
