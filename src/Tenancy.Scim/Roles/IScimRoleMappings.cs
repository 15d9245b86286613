namespace Tenancy.Scim.Roles;

/// <summary>
/// Per-tenant mapping of SCIM groups to application roles, and the effective roles of a provisioned user. All calls
/// act on the current tenant.
/// </summary>
public interface IScimRoleMappings
{
    /// <summary>Maps a group, by its SCIM id, to a role.</summary>
    /// <param name="groupId">The group id.</param>
    /// <param name="role">The application role.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when stored.</returns>
    Task MapGroupIdAsync(string groupId, string role, CancellationToken cancellationToken = default);

    /// <summary>Maps a group, by its display name (compared without case), to a role — for groups the IdP has yet to push.</summary>
    /// <param name="displayName">The group display name.</param>
    /// <param name="role">The application role.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when stored.</returns>
    Task MapGroupNameAsync(string displayName, string role, CancellationToken cancellationToken = default);

    /// <summary>Removes every mapping to a role.</summary>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many mappings were removed.</returns>
    Task<int> UnmapRoleAsync(string role, CancellationToken cancellationToken = default);

    /// <summary>
    /// The roles of a user (by SCIM id, externalId or userName) through the groups it is a direct member of, in one
    /// query. An inactive or unknown user has no roles.
    /// </summary>
    /// <param name="user">The user's SCIM id, externalId or userName.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The distinct roles, sorted.</returns>
    Task<IReadOnlyList<string>> GetEffectiveRolesAsync(string user, CancellationToken cancellationToken = default);
}
