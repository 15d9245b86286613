namespace Tenancy.Scim.Resources;

/// <summary>What a <see cref="ScimMemberChange"/> does to a group's membership.</summary>
public enum ScimMemberChangeKind
{
    /// <summary>Adds the given members (already present ones are left alone).</summary>
    Add,

    /// <summary>Removes the given members (absent ones are ignored).</summary>
    Remove,

    /// <summary>Removes the members that match a filter over <c>value</c> and <c>type</c>.</summary>
    RemoveWhere,

    /// <summary>Makes the membership exactly the given members.</summary>
    Replace,

    /// <summary>Removes every member.</summary>
    RemoveAll,
}
