namespace Tenancy.EntityFramework.Members;

/// <summary>
/// A row of the <c>TenantUserIndex</c> table: that a user is a member of a tenant, and nothing else. Not tenant-scoped,
/// so one user's tenants can be listed (for a tenant switcher) while <c>TenantMembers</c> stays under row-level security.
/// </summary>
public sealed class TenantUserIndexRecord
{
    /// <summary>The user.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The tenant.</summary>
    public string TenantId { get; set; } = string.Empty;
}
