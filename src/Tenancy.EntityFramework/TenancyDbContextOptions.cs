namespace Tenancy.EntityFramework;

/// <summary>Settings of the Tenancy integration for one <see cref="TenantDbContext"/>, chosen with <see cref="TenancyDbContextOptionsBuilder"/>.</summary>
public sealed class TenancyDbContextOptions
{
    /// <summary>The default PostgreSQL setting that carries the tenant id to row-level-security policies.</summary>
    public const string DefaultTenantSetting = "tenancy.tenant_id";

    /// <summary>The current-tenant accessor (the ambient <see cref="AmbientCurrentTenant"/> unless replaced).</summary>
    public ICurrentTenant CurrentTenant { get; internal set; } = AmbientCurrentTenant.Instance;

    /// <summary>
    /// Whether every command sends the current tenant to the database for row-level-security policies (set by
    /// <c>UseRowLevelSecurity()</c> from <c>Tenancy.EntityFramework.PostgreSql</c>).
    /// </summary>
    public bool RowLevelSecurity { get; internal set; }

    /// <summary>The database setting (<c>prefix.name</c>) that carries the tenant id under row-level security.</summary>
    public string TenantSetting { get; internal set; } = DefaultTenantSetting;

    /// <summary>Chooses a schema for a tenant (schema-per-tenant), or <see langword="null"/> for a shared schema.</summary>
    public Func<TenantInfo, string>? SchemaSelector { get; internal set; }

    /// <summary>Chooses a connection string for a tenant (database-per-tenant), or <see langword="null"/> for a shared database.</summary>
    public Func<TenantInfo, string>? ConnectionStringSelector { get; internal set; }
}
