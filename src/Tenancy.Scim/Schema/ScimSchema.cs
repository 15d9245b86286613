namespace Tenancy.Scim.Schema;

/// <summary>A SCIM schema (RFC 7643 §7): its URN and attribute definitions.</summary>
public sealed class ScimSchema
{
    /// <summary>Creates a schema.</summary>
    /// <param name="id">The schema URN.</param>
    /// <param name="name">The schema name.</param>
    /// <param name="description">A description.</param>
    /// <param name="attributes">The top-level attributes.</param>
    public ScimSchema(string id, string name, string description, IReadOnlyList<ScimAttribute> attributes)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(attributes);
        Id = id;
        Name = name;
        Description = description;
        Attributes = attributes;
    }

    /// <summary>The schema URN.</summary>
    public string Id { get; }

    /// <summary>The schema name.</summary>
    public string Name { get; }

    /// <summary>A description.</summary>
    public string Description { get; }

    /// <summary>The top-level attributes.</summary>
    public IReadOnlyList<ScimAttribute> Attributes { get; }

    /// <summary>Finds a top-level attribute by name, ignoring case.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The attribute, or <see langword="null"/>.</returns>
    public ScimAttribute? FindAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var attribute in Attributes)
        {
            if (string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return attribute;
            }
        }

        return null;
    }
}
