using Microsoft.EntityFrameworkCore;

namespace Tenancy.EntityFramework.Infrastructure;

/// <summary>
/// For packages that add provider-specific isolation to <c>UseTenancy(...)</c> (such as
/// <c>Tenancy.EntityFramework.PostgreSql</c>'s <c>UseRowLevelSecurity()</c>); not meant for application code.
/// <see cref="TenancyDbContextOptionsBuilder"/> implements it explicitly, in the way EF Core's relational options
/// builders expose <c>IRelationalDbContextOptionsBuilderInfrastructure</c>.
/// </summary>
public interface ITenancyDbContextOptionsBuilderInfrastructure
{
    /// <summary>The EF Core options builder that <c>UseTenancy(...)</c> is configuring (its provider is already chosen).</summary>
    DbContextOptionsBuilder OptionsBuilder { get; }

    /// <summary>The Tenancy settings being built.</summary>
    TenancyDbContextOptions Options { get; }

    /// <summary>
    /// Records that every command carries the current tenant in the database setting <paramref name="setting"/> for
    /// row-level-security policies: saves whose batches report rows-affected counts then run in a transaction, and
    /// <see cref="TenantDbContextHealthCheck{TContext}"/> checks that the application role cannot bypass the policies.
    /// Can be called once per options.
    /// </summary>
    /// <param name="setting">The setting that carries the tenant id.</param>
    void UseRowLevelSecuritySetting(string setting);
}
