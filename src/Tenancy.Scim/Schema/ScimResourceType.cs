namespace Tenancy.Scim.Schema;

/// <summary>A SCIM resource type (RFC 7643 §6): its name, endpoint, core schema and schema extensions.</summary>
public sealed class ScimResourceType
{
    internal ScimResourceType(ScimResourceKind kind, string name, string endpoint, string description, ScimSchema schema, IReadOnlyList<ScimSchema> extensions)
    {
        Kind = kind;
        Name = name;
        Endpoint = endpoint;
        Description = description;
        Schema = schema;
        Extensions = extensions;
    }

    /// <summary>Which resource this is.</summary>
    public ScimResourceKind Kind { get; }

    /// <summary>The resource type name (<c>User</c>, <c>Group</c>).</summary>
    public string Name { get; }

    /// <summary>The endpoint relative to the base URL (<c>/Users</c>).</summary>
    public string Endpoint { get; }

    /// <summary>A description.</summary>
    public string Description { get; }

    /// <summary>The core schema.</summary>
    public ScimSchema Schema { get; }

    /// <summary>The optional schema extensions.</summary>
    public IReadOnlyList<ScimSchema> Extensions { get; }

    /// <summary>Finds the core schema or an extension by URN, ignoring case.</summary>
    /// <param name="urn">The schema URN.</param>
    /// <returns>The schema, or <see langword="null"/>.</returns>
    public ScimSchema? FindSchema(string urn)
    {
        ArgumentNullException.ThrowIfNull(urn);
        if (string.Equals(Schema.Id, urn, StringComparison.OrdinalIgnoreCase))
        {
            return Schema;
        }

        foreach (var extension in Extensions)
        {
            if (string.Equals(extension.Id, urn, StringComparison.OrdinalIgnoreCase))
            {
                return extension;
            }
        }

        return null;
    }
}
