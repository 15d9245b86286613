using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Tenancy.EntityFramework;

/// <summary>
/// A <see cref="DbContext"/> whose tenant-scoped entities (<see cref="ITenantScoped"/>, <see cref="TenantScopedAttribute"/>,
/// <c>IsTenantScoped()</c>) only show and accept the current tenant's rows. Configure it with <c>UseTenancy()</c>.
/// One model serves every tenant: the tenant filter is the EF Core named query filter <see cref="TenancyModel.TenantFilterName"/>
/// with the current tenant id as its only parameter. Works with <c>AddDbContextPool</c> and pooled factories.
/// The tenant filter, stamp and guards do not depend on calling base methods: a model whose tenant-scoped entities
/// would miss any of them fails at model build with <see cref="TenancyConfigurationException"/>.
/// A context that must derive from another base class (such as <c>IdentityDbContext</c>) implements
/// <see cref="ITenantDbContext"/> instead.
/// </summary>
public abstract class TenantDbContext : DbContext, ITenantDbContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">Options configured with <c>UseTenancy()</c>.</param>
    protected TenantDbContext(DbContextOptions options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Tenancy = new TenancyDbContextState(this, options);
    }

    /// <inheritdoc />
    public TenancyDbContextState Tenancy { get; }

    /// <summary>The Tenancy settings of this context.</summary>
    public TenancyDbContextOptions TenancyOptions => Tenancy.Options;

    /// <summary>The current tenant.</summary>
    public ICurrentTenant CurrentTenant => Tenancy.CurrentTenant;

    /// <inheritdoc cref="TenancyDbContextState.CurrentTenantId"/>
    public string CurrentTenantId => Tenancy.CurrentTenantId;

    /// <summary>The schema of the current tenant under schema-per-tenant, otherwise <see langword="null"/>.</summary>
    public string? TenantSchema => Tenancy.TenantSchema;

    /// <summary>Whether a <see cref="BypassTenantFilter"/> scope is open on this context.</summary>
    public bool IsTenantFilterBypassed => Tenancy.IsTenantFilterBypassed;

    /// <inheritdoc cref="TenancyDbContextState.BypassTenantFilter"/>
    public IDisposable BypassTenantFilter(
        string reason,
        [CallerMemberName] string callerMember = "",
        [CallerFilePath] string callerFile = "",
        [CallerLineNumber] int callerLine = 0) =>
        Tenancy.BypassTenantFilter(reason, callerMember, callerFile, callerLine);

    /// <inheritdoc />
    public override void Dispose()
    {
        Tenancy.Reset();
        base.Dispose();
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        Tenancy.Reset();
        return base.DisposeAsync();
    }
}
