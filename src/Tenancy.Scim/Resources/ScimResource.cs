using System.Text.Json.Nodes;
using Tenancy.Scim.Schema;

namespace Tenancy.Scim.Resources;

/// <summary>
/// A stored SCIM resource as the store hands it over: the canonical attribute document (core attributes at the top,
/// each extension under its URN; no <c>id</c>, <c>meta</c>, <c>members</c> or <c>groups</c>), its metadata and, when
/// asked for, its members (groups) or groups (users).
/// </summary>
public sealed class ScimResource
{
    /// <summary>Creates the resource.</summary>
    /// <param name="kind">User or group.</param>
    /// <param name="id">The resource id.</param>
    /// <param name="attributes">The canonical attribute document.</param>
    /// <param name="created">When it was created (UTC).</param>
    /// <param name="lastModified">When it was last changed (UTC).</param>
    /// <param name="version">The version, incremented on each change; the weak ETag is <c>W/"version"</c>.</param>
    public ScimResource(ScimResourceKind kind, string id, JsonObject attributes, DateTime created, DateTime lastModified, long version)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentNullException.ThrowIfNull(attributes);
        Kind = kind;
        Id = id;
        Attributes = attributes;
        Created = DateTime.SpecifyKind(created, DateTimeKind.Utc);
        LastModified = DateTime.SpecifyKind(lastModified, DateTimeKind.Utc);
        Version = version;
    }

    /// <summary>User or group.</summary>
    public ScimResourceKind Kind { get; }

    /// <summary>The resource id.</summary>
    public string Id { get; }

    /// <summary>The canonical attribute document.</summary>
    public JsonObject Attributes { get; }

    /// <summary>When it was created (UTC).</summary>
    public DateTime Created { get; }

    /// <summary>When it was last changed (UTC).</summary>
    public DateTime LastModified { get; }

    /// <summary>The version, incremented on each change.</summary>
    public long Version { get; }

    /// <summary>The weak entity tag of this version.</summary>
    public string ETag => $"W/\"{Version}\"";

    /// <summary>A group's members, or a user's groups; <see langword="null"/> when not loaded.</summary>
    public IReadOnlyList<ScimMember>? Related { get; init; }
}
