namespace Tenancy.Scim.Schema;

/// <summary>
/// One attribute definition of a SCIM schema (RFC 7643 §7). The discovery documents are generated from these, and the
/// server validates requests against the same characteristics.
/// </summary>
public sealed class ScimAttribute
{
    /// <summary>Creates an attribute definition.</summary>
    /// <param name="name">The attribute name, in its canonical case.</param>
    /// <param name="type">The data type.</param>
    public ScimAttribute(string name, ScimAttributeType type)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Type = type;
    }

    /// <summary>The attribute name, in its canonical case.</summary>
    public string Name { get; }

    /// <summary>The data type.</summary>
    public ScimAttributeType Type { get; }

    /// <summary>Whether the attribute holds a list of values.</summary>
    public bool MultiValued { get; init; }

    /// <summary>A human-readable description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Whether a value is required on create and replace.</summary>
    public bool Required { get; init; }

    /// <summary>Whether string comparisons (filters, uniqueness) are case-sensitive.</summary>
    public bool CaseExact { get; init; }

    /// <summary>Whether and how the attribute may be written.</summary>
    public ScimMutability Mutability { get; init; } = ScimMutability.ReadWrite;

    /// <summary>When the attribute is returned.</summary>
    public ScimReturned Returned { get; init; } = ScimReturned.Default;

    /// <summary>How values must be unique.</summary>
    public ScimUniqueness Uniqueness { get; init; } = ScimUniqueness.None;

    /// <summary>Suggested values (for example <c>work</c>, <c>home</c>).</summary>
    public IReadOnlyList<string> CanonicalValues { get; init; } = [];

    /// <summary>For references, the kinds of resource they point to.</summary>
    public IReadOnlyList<string> ReferenceTypes { get; init; } = [];

    /// <summary>The sub-attributes of a complex attribute.</summary>
    public IReadOnlyList<ScimAttribute> SubAttributes { get; init; } = [];

    /// <summary>Finds a sub-attribute by name, ignoring case.</summary>
    /// <param name="name">The name.</param>
    /// <returns>The sub-attribute, or <see langword="null"/>.</returns>
    public ScimAttribute? FindSubAttribute(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        foreach (var attribute in SubAttributes)
        {
            if (string.Equals(attribute.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return attribute;
            }
        }

        return null;
    }
}
