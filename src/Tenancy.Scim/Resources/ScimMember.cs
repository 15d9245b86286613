namespace Tenancy.Scim.Resources;

/// <summary>A group member, or a group of a user: the resource id, its type (<c>User</c>/<c>Group</c>) and its display name.</summary>
/// <param name="Value">The member's resource id.</param>
/// <param name="Type">The member's resource type, <c>User</c> or <c>Group</c>.</param>
/// <param name="Display">The member's display name, when known.</param>
public sealed record ScimMember(string Value, string Type, string? Display);
