using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.Infrastructure;

namespace Tenancy.EntityFramework;

/// <summary>Chooses how a <see cref="TenantDbContext"/> isolates tenants. Passed to <c>UseTenancy(...)</c> and <c>AddTenantDbContext(...)</c>.</summary>
public sealed class TenancyDbContextOptionsBuilder : ITenancyDbContextOptionsBuilderInfrastructure
{
    private readonly DbContextOptionsBuilder _optionsBuilder;

    internal TenancyDbContextOptionsBuilder(DbContextOptionsBuilder optionsBuilder, TenancyDbContextOptions options)
    {
        _optionsBuilder = optionsBuilder;
        Options = options;
    }

    internal TenancyDbContextOptions Options { get; }

    DbContextOptionsBuilder ITenancyDbContextOptionsBuilderInfrastructure.OptionsBuilder => _optionsBuilder;

    TenancyDbContextOptions ITenancyDbContextOptionsBuilderInfrastructure.Options => Options;

    /// <summary>Uses <paramref name="currentTenant"/> instead of the ambient <see cref="AmbientCurrentTenant"/>.</summary>
    /// <param name="currentTenant">The current-tenant accessor.</param>
    /// <returns>This builder.</returns>
    public TenancyDbContextOptionsBuilder UseCurrentTenant(ICurrentTenant currentTenant)
    {
        ArgumentNullException.ThrowIfNull(currentTenant);
        Options.CurrentTenant = currentTenant;
        return this;
    }

    /// <summary>
    /// Schema-per-tenant: every tenant's tables live in the schema that <paramref name="schema"/> returns (the model is
    /// built once per schema). Not available with context pooling, which would keep the first tenant's model.
    /// </summary>
    /// <param name="schema">Returns the schema for a tenant.</param>
    /// <returns>This builder.</returns>
    public TenancyDbContextOptionsBuilder UseSchemaPerTenant(Func<TenantInfo, string> schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        Options.SchemaSelector = schema;
        return this;
    }

    /// <summary>
    /// Database-per-tenant: each time the context opens its connection it uses the connection string that
    /// <paramref name="connectionString"/> returns for the current tenant. Works with context pooling.
    /// </summary>
    /// <param name="connectionString">Returns the connection string for a tenant.</param>
    /// <returns>This builder.</returns>
    public TenancyDbContextOptionsBuilder UseDatabasePerTenant(Func<TenantInfo, string> connectionString)
    {
        ArgumentNullException.ThrowIfNull(connectionString);
        Options.ConnectionStringSelector = connectionString;
        return this;
    }

    /// <summary>Database-per-tenant with the connection string in the tenant's <see cref="TenantInfo.Properties"/>.</summary>
    /// <param name="propertyName">The property that holds the connection string.</param>
    /// <returns>This builder.</returns>
    public TenancyDbContextOptionsBuilder UseDatabasePerTenant(string propertyName = "ConnectionString")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(propertyName);
        return UseDatabasePerTenant(tenant => tenant.Properties.TryGetValue(propertyName, out var value)
            ? value
            : throw new TenancyException($"Tenant '{tenant.Id}' has no '{propertyName}' property with its connection string."));
    }

    void ITenancyDbContextOptionsBuilderInfrastructure.UseRowLevelSecuritySetting(string setting)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(setting);
        if (Options.RowLevelSecurity)
        {
            throw new InvalidOperationException("Row-level security was already configured for these options.");
        }

        Options.RowLevelSecurity = true;
        Options.TenantSetting = setting;
    }
}
