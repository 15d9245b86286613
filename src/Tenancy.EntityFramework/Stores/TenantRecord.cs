namespace Tenancy.EntityFramework.Stores;

/// <summary>A row of the tenants table used by <see cref="EfTenantStore{TContext}"/>.</summary>
public sealed class TenantRecord
{
    /// <summary>The tenant id (primary key).</summary>
    public string Id { get; set; } = "";

    /// <summary>The identifier, lowercase (unique).</summary>
    public string Identifier { get; set; } = "";

    /// <summary>The display name.</summary>
    public string Name { get; set; } = "";

    /// <summary>The lifecycle status.</summary>
    public TenantStatus Status { get; set; }

    /// <summary>The plan, if any.</summary>
    public string? Plan { get; set; }

    /// <summary>The region, if any.</summary>
    public string? Region { get; set; }

    /// <summary>The properties as a JSON object of strings.</summary>
    public string Properties { get; set; } = "{}";

    /// <summary>The custom domains.</summary>
    public List<TenantDomainRecord> Domains { get; set; } = [];
}
