namespace Tenancy.EntityFramework.Stores;

/// <summary>A row of the tenant domains table used by <see cref="EfTenantStore{TContext}"/>: one custom domain of one tenant.</summary>
public sealed class TenantDomainRecord
{
    /// <summary>The domain, lowercase (primary key, so unique across tenants).</summary>
    public string Domain { get; set; } = "";

    /// <summary>The id of the tenant it resolves to.</summary>
    public string TenantId { get; set; } = "";
}
