namespace Tenancy.EntityFramework.ApiKeys;

/// <summary>
/// A row of the <c>TenantApiKeyIndex</c> table: which tenant a key id belongs to, and nothing else (no hash, no name).
/// Not tenant-scoped, because a presented key is what tells the tenant; the key itself is then read inside that tenant,
/// so row-level security on <c>TenantApiKeys</c> stays on.
/// </summary>
public sealed class TenantApiKeyIndexRecord
{
    /// <summary>The key id.</summary>
    public string Id { get; set; } = string.Empty;

    /// <summary>The tenant.</summary>
    public string TenantId { get; set; } = string.Empty;
}
