namespace Tenancy.EntityFramework.ApiKeys;

/// <summary>A row of the <c>TenantApiKeys</c> table (tenant-scoped: query filter, save guards and row-level security apply).</summary>
public sealed class TenantApiKeyRecord : ITenantScoped
{
    /// <summary>The key id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <inheritdoc />
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The scopes, separated by spaces.</summary>
    public string Scopes { get; set; } = string.Empty;

    /// <summary>The SHA-256 of the secret.</summary>
    public byte[] SecretHash { get; set; } = [];

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Who created it.</summary>
    public string? CreatedBy { get; set; }

    /// <summary>When it expires.</summary>
    public DateTimeOffset? ExpiresAt { get; set; }

    /// <summary>When it was revoked.</summary>
    public DateTimeOffset? RevokedAt { get; set; }

    /// <summary>When it was last used.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
