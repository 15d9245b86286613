namespace Tenancy.Members;

/// <summary>A user's membership of one tenant. A user may be a member of several tenants, with different roles in each.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="UserId">The user (the subject of the host's authentication).</param>
/// <param name="Email">The user's e-mail address, or <see langword="null"/>.</param>
/// <param name="Roles">The roles in this tenant.</param>
/// <param name="JoinedAt">When the user joined.</param>
public sealed record TenantMember(string TenantId, string UserId, string? Email, IReadOnlyList<string> Roles, DateTimeOffset JoinedAt);
