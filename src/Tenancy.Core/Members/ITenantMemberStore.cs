namespace Tenancy.Members;

/// <summary>
/// Keeps members, tenant-defined roles and invitations. Every method works inside the tenant passed to it, except
/// <see cref="ListMembershipsAsync"/>, which lists one user's memberships across tenants. Singletons, thread-safe.
/// </summary>
public interface ITenantMemberStore
{
    /// <summary>Finds a member.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The member, or <see langword="null"/>.</returns>
    Task<TenantMember?> FindMemberAsync(string tenantId, string userId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's members by user id.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The members.</returns>
    Task<IReadOnlyList<TenantMember>> ListMembersAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Lists one user's memberships in every tenant.</summary>
    /// <param name="userId">The user.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The memberships.</returns>
    Task<IReadOnlyList<TenantMember>> ListMembershipsAsync(string userId, CancellationToken cancellationToken = default);

    /// <summary>Adds a member, or adds roles to an existing one.</summary>
    /// <param name="member">The member.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored member.</returns>
    Task<TenantMember> AddMemberAsync(TenantMember member, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a member's roles, or removes the member when <paramref name="roles"/> is <see langword="null"/>, unless that
    /// would leave the tenant without an <see cref="TenantRoles.Owner"/>; the check and the write are atomic per tenant.
    /// </summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="userId">The user.</param>
    /// <param name="roles">The new roles, or <see langword="null"/> to remove the member.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The outcome.</returns>
    Task<MembershipChange> ChangeMemberAsync(string tenantId, string userId, IReadOnlyList<string>? roles, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's own roles.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The roles.</returns>
    Task<IReadOnlyList<TenantRole>> ListRolesAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Adds or replaces a tenant-defined role.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="role">The role.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    Task SaveRoleAsync(string tenantId, TenantRole role, CancellationToken cancellationToken = default);

    /// <summary>Adds an invitation with the hash of its token.</summary>
    /// <param name="invitation">The invitation.</param>
    /// <param name="tokenHash">The SHA-256 of its secret.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when stored.</returns>
    Task AddInvitationAsync(TenantInvitation invitation, byte[] tokenHash, CancellationToken cancellationToken = default);

    /// <summary>Finds an invitation of the tenant with the hash of its token.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="invitationId">The invitation id.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <returns>The invitation and hash, or <see langword="null"/>.</returns>
    Task<(TenantInvitation Invitation, byte[] TokenHash)?> FindInvitationAsync(string tenantId, string invitationId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's invitations, newest first.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The invitations.</returns>
    Task<IReadOnlyList<TenantInvitation>> ListInvitationsAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Marks an open invitation accepted; atomic, so an invitation is accepted at most once.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="invitationId">The invitation id.</param>
    /// <param name="userId">The accepting user.</param>
    /// <param name="at">The time.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when this call accepted it.</returns>
    Task<bool> TryAcceptInvitationAsync(string tenantId, string invitationId, string userId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Revokes an open invitation.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="invitationId">The invitation id.</param>
    /// <param name="at">The time.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when it was open.</returns>
    Task<bool> RevokeInvitationAsync(string tenantId, string invitationId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Gives an open invitation a new token hash and expiry (resend).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="invitationId">The invitation id.</param>
    /// <param name="tokenHash">The new hash.</param>
    /// <param name="sentAt">The time.</param>
    /// <param name="expiresAt">The new expiry.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The updated invitation, or <see langword="null"/> when it is not open.</returns>
    Task<TenantInvitation?> RenewInvitationAsync(string tenantId, string invitationId, byte[] tokenHash, DateTimeOffset sentAt, DateTimeOffset expiresAt, CancellationToken cancellationToken = default);

    /// <summary>Deletes every member, role and invitation of a tenant (offboarding).</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>The number of rows deleted.</returns>
    Task<int> DeleteAllAsync(string tenantId, CancellationToken cancellationToken = default);
}
