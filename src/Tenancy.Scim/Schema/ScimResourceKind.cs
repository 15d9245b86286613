namespace Tenancy.Scim.Schema;

/// <summary>The resources this server provisions.</summary>
public enum ScimResourceKind
{
    /// <summary>A user (<c>/Users</c>).</summary>
    User,

    /// <summary>A group (<c>/Groups</c>).</summary>
    Group,
}
