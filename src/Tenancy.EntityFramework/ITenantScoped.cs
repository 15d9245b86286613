namespace Tenancy.EntityFramework;

/// <summary>
/// Marks an entity whose rows belong to one tenant. The tenant filter, the save guards and row-level security
/// apply to it; <see cref="TenantId"/> is stamped on added rows. Use <see cref="TenantScopedAttribute"/> or
/// <c>IsTenantScoped()</c> instead for a shadow tenant-id property.
/// </summary>
public interface ITenantScoped
{
    /// <summary>The id of the tenant that owns the row. Set on save; never changed afterwards.</summary>
    string TenantId { get; set; }
}
