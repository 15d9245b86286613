namespace Tenancy.Members;

/// <summary>A new (or resent) invitation and the token to send to the invitee. The token is not stored.</summary>
/// <param name="Invitation">The invitation.</param>
/// <param name="Token">The single-use token.</param>
public sealed record CreatedTenantInvitation(TenantInvitation Invitation, string Token);
