namespace Tenancy.EntityFramework.Members;

/// <summary>A row of the <c>TenantMembers</c> table (tenant-scoped).</summary>
public sealed class TenantMemberRecord : ITenantScoped
{
    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The user.</summary>
    public string UserId { get; set; } = string.Empty;

    /// <summary>The e-mail address.</summary>
    public string? Email { get; set; }

    /// <summary>The roles, separated by spaces.</summary>
    public string Roles { get; set; } = string.Empty;

    /// <summary>Whether <see cref="Roles"/> holds <c>owner</c> (indexed, for the last-owner check).</summary>
    public bool IsOwner { get; set; }

    /// <summary>When the user joined.</summary>
    public DateTimeOffset JoinedAt { get; set; }
}
