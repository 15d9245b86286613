namespace Tenancy.Members;

/// <summary>The outcome of changing or removing a member.</summary>
public enum MembershipChange
{
    /// <summary>Done.</summary>
    Done = 0,

    /// <summary>The tenant has no such member.</summary>
    NotFound = 1,

    /// <summary>Refused: the tenant would be left without an owner.</summary>
    LastOwner = 2,
}
