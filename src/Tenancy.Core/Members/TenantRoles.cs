using System.Collections.Frozen;

namespace Tenancy.Members;

/// <summary>The built-in roles every tenant has, and the permissions they grant.</summary>
public static class TenantRoles
{
    /// <summary>Everything, including deleting the tenant. A tenant always keeps at least one owner.</summary>
    public const string Owner = "owner";

    /// <summary>Manages members, invitations, API keys and settings; reads the audit log.</summary>
    public const string Admin = "admin";

    /// <summary>Reads and writes the tenant's data.</summary>
    public const string Member = "member";

    /// <summary>Reads the tenant's data.</summary>
    public const string Viewer = "viewer";

    /// <summary>Reads and manages billing.</summary>
    public const string Billing = "billing";

    /// <summary>The built-in roles by name.</summary>
    public static FrozenDictionary<string, TenantRole> Defaults { get; } = new TenantRole[]
    {
        new(Owner, ["*"]),
        new(Admin, [TenantPermissions.MembersManage, TenantPermissions.ApiKeysManage, TenantPermissions.AuditRead, TenantPermissions.DataRead, TenantPermissions.DataWrite, TenantPermissions.BillingRead]),
        new(Member, [TenantPermissions.DataRead, TenantPermissions.DataWrite]),
        new(Viewer, [TenantPermissions.DataRead]),
        new(Billing, [TenantPermissions.BillingRead, TenantPermissions.BillingManage]),
    }.ToFrozenDictionary(r => r.Name, StringComparer.Ordinal);
}
