namespace Tenancy.EntityFramework.Sso;

/// <summary>
/// A row of <c>TenantSsoProviders</c>: a tenant's identity provider. Not tenant-scoped, because a presented token's issuer is
/// what tells the tenant; the unique index on <see cref="Issuer"/> makes the database refuse a second tenant with the same issuer.
/// </summary>
public sealed class TenantSsoSettingsRecord
{
    /// <summary>The tenant.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The effective issuer (placeholder replaced).</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The settings as JSON (no secret: the client secret lives in the secret store).</summary>
    public string Settings { get; set; } = string.Empty;
}
