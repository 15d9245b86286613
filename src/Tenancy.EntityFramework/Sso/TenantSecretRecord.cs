namespace Tenancy.EntityFramework.Sso;

/// <summary>A row of <c>TenantSecrets</c>: one encrypted tenant secret (the value is never stored in clear).</summary>
public sealed class TenantSecretRecord
{
    /// <summary>The tenant.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The kind (<c>TenantSecretKind</c>).</summary>
    public int Kind { get; set; }

    /// <summary>The name.</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The version.</summary>
    public int Version { get; set; }

    /// <summary>When the version was stored.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The encrypted value.</summary>
    public byte[] ProtectedValue { get; set; } = [];
}
