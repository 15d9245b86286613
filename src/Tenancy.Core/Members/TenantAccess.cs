using System.Collections.Frozen;

namespace Tenancy.Members;

/// <summary>What a user may do in one tenant: the roles (from membership and every <see cref="ITenantRoleSource"/>) and the permissions they grant.</summary>
public sealed class TenantAccess
{
    /// <summary>Creates the access.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The user.</param>
    /// <param name="roles">The roles.</param>
    /// <param name="permissions">The permissions.</param>
    public TenantAccess(string tenantId, string userId, IEnumerable<string> roles, IEnumerable<string> permissions)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(userId);
        TenantId = tenantId;
        UserId = userId;
        Roles = roles.ToFrozenSet(StringComparer.Ordinal);
        Permissions = permissions.ToFrozenSet(StringComparer.Ordinal);
    }

    /// <summary>The tenant.</summary>
    public string TenantId { get; }

    /// <summary>The user.</summary>
    public string UserId { get; }

    /// <summary>The roles.</summary>
    public FrozenSet<string> Roles { get; }

    /// <summary>The permissions (<c>*</c> for all).</summary>
    public FrozenSet<string> Permissions { get; }

    /// <summary>Whether the user is a member (has any role).</summary>
    public bool IsMember => Roles.Count > 0;

    /// <summary>Whether the user has <paramref name="role"/>.</summary>
    /// <param name="role">The role.</param>
    /// <returns><see langword="true"/> when held.</returns>
    public bool HasRole(string role) => Roles.Contains(role);

    /// <summary>Whether the user has <paramref name="permission"/> (or <c>*</c>).</summary>
    /// <param name="permission">The permission.</param>
    /// <returns><see langword="true"/> when granted.</returns>
    public bool HasPermission(string permission) => Permissions.Contains(permission) || Permissions.Contains("*");
}
