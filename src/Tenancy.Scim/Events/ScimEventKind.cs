namespace Tenancy.Scim.Events;

/// <summary>What happened in a tenant's SCIM directory.</summary>
public enum ScimEventKind
{
    /// <summary>A user was created (SCIM POST or just-in-time provisioning).</summary>
    UserCreated,

    /// <summary>A user was changed.</summary>
    UserUpdated,

    /// <summary>A user was deactivated (<c>active</c> became false).</summary>
    UserDeactivated,

    /// <summary>A user was reactivated (<c>active</c> became true).</summary>
    UserReactivated,

    /// <summary>A user was deleted.</summary>
    UserDeleted,

    /// <summary>A group was created.</summary>
    GroupCreated,

    /// <summary>A group's attributes were changed.</summary>
    GroupUpdated,

    /// <summary>A group's members changed.</summary>
    GroupMembershipChanged,

    /// <summary>A group was deleted.</summary>
    GroupDeleted,
}
