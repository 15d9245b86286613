namespace Tenancy.Sample.Host.Platform;

/// <summary>POST /platform/tenants: the tenant to create and its first owner.</summary>
internal sealed record OnboardRequest(string Id, string Identifier, string Name, string OwnerUserId, string? OwnerEmail, string? Plan);

/// <summary>POST /platform/api-keys.</summary>
internal sealed record CreateKeyRequest(string Name, string[]? Scopes, DateTimeOffset? ExpiresAt);

/// <summary>POST /platform/members.</summary>
internal sealed record AddMemberRequest(string UserId, string? Email, string[] Roles);

/// <summary>POST /platform/invitations.</summary>
internal sealed record InviteRequest(string Email, string Role);

/// <summary>POST /platform/invitations/accept.</summary>
internal sealed record AcceptRequest(string Token);
