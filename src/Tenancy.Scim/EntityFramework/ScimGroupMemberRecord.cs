using Tenancy.EntityFramework;

namespace Tenancy.Scim.EntityFramework;

/// <summary>One membership: adding or removing a member of a group touches this one row.</summary>
internal sealed class ScimGroupMemberRecord : ITenantScoped
{
    public string TenantId { get; set; } = "";

    public string GroupId { get; set; } = "";

    public string MemberId { get; set; } = "";

    /// <summary><c>User</c> or <c>Group</c>.</summary>
    public string MemberType { get; set; } = "User";
}
