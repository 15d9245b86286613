namespace Tenancy.EntityFramework.Members;

/// <summary>A row of the <c>TenantInvitations</c> table (tenant-scoped). Only the hash of the token is stored.</summary>
public sealed class TenantInvitationRecord : ITenantScoped
{
    /// <summary>The invitation id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The invited address.</summary>
    public string Email { get; set; } = string.Empty;

    /// <summary>The role.</summary>
    public string Role { get; set; } = string.Empty;

    /// <summary>The SHA-256 of the token's secret.</summary>
    public byte[] TokenHash { get; set; } = [];

    /// <summary>When it was sent.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who sent it.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>When it expires.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>When it was accepted.</summary>
    public DateTimeOffset? AcceptedAt { get; set; }

    /// <summary>Who accepted it.</summary>
    public string? AcceptedBy { get; set; }

    /// <summary>When it was revoked.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
