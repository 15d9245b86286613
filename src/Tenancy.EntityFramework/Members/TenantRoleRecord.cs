namespace Tenancy.EntityFramework.Members;

/// <summary>A row of the <c>TenantRoles</c> table: a tenant-defined role (tenant-scoped).</summary>
public sealed class TenantRoleRecord : ITenantScoped
{
    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The role name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The permissions, separated by spaces.</summary>
    public string Permissions { get; set; } = string.Empty;
}
