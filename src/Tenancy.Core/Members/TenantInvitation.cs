namespace Tenancy.Members;

/// <summary>An invitation to join a tenant with a role. Its token is shown once; only a hash is stored.</summary>
/// <param name="Id">The invitation id (part of the token).</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="Email">The invited address.</param>
/// <param name="Role">The role the member gets.</param>
/// <param name="CreatedAt">When it was sent (or last resent).</param>
/// <param name="CreatedBy">Who sent it, or <see langword="null"/>.</param>
/// <param name="ExpiresAt">When it stops working.</param>
/// <param name="AcceptedAt">When it was accepted, or <see langword="null"/>.</param>
/// <param name="AcceptedBy">The user who accepted it, or <see langword="null"/>.</param>
/// <param name="RevokedAt">When it was revoked, or <see langword="null"/>.</param>
public sealed record TenantInvitation(
    string Id,
    string TenantId,
    string Email,
    string Role,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset ExpiresAt,
    DateTimeOffset? AcceptedAt,
    string? AcceptedBy,
    DateTimeOffset? RevokedAt)
{
    /// <summary>Whether the invitation can still be accepted at <paramref name="now"/>.</summary>
    /// <param name="now">The time.</param>
    /// <returns><see langword="true"/> when open.</returns>
    public bool IsOpenAt(DateTimeOffset now) => AcceptedAt is null && RevokedAt is null && ExpiresAt > now;
}
