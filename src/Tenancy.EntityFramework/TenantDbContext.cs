using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.EntityFramework.Interception;

namespace Tenancy.EntityFramework;

/// <summary>
/// A <see cref="DbContext"/> whose tenant-scoped entities (<see cref="ITenantScoped"/>, <see cref="TenantScopedAttribute"/>,
/// <c>IsTenantScoped()</c>) only show and accept the current tenant's rows. Configure it with <c>UseTenancy()</c>.
/// One model serves every tenant: the tenant filter is the EF Core named query filter <see cref="TenancyModel.TenantFilterName"/>
/// with the current tenant id as its only parameter. Works with <c>AddDbContextPool</c> and pooled factories.
/// If you override <see cref="ConfigureConventions"/>, call the base method.
/// </summary>
public abstract class TenantDbContext : DbContext
{
    private int _bypassDepth;

    /// <summary>Creates the context.</summary>
    /// <param name="options">Options configured with <c>UseTenancy()</c>.</param>
    protected TenantDbContext(DbContextOptions options)
        : base(options)
    {
        ArgumentNullException.ThrowIfNull(options);
        TenancyOptions = options.FindExtension<TenancyDbContextOptionsExtension>()?.Options
            ?? throw new InvalidOperationException($"{GetType().Name} is a TenantDbContext: configure it with UseTenancy() (or AddTenantDbContext).");
        if (TenancyOptions.SchemaSelector is { } schema)
        {
            TenantSchema = schema(TenancyOptions.CurrentTenant.GetRequiredTenant());
        }
    }

    /// <summary>The Tenancy settings of this context.</summary>
    public TenancyDbContextOptions TenancyOptions { get; }

    /// <summary>The current tenant.</summary>
    public ICurrentTenant CurrentTenant => TenancyOptions.CurrentTenant;

    /// <summary>
    /// The tenant id that the tenant filter compares with. Throws <see cref="TenantNotResolvedException"/> when no tenant
    /// is current, so a query on a tenant-scoped entity without a tenant fails instead of returning every tenant's rows.
    /// </summary>
    public string CurrentTenantId => TenancyOptions.CurrentTenant.Id ?? throw new TenantNotResolvedException(
        "No tenant is set: tenant-scoped entities cannot be queried or saved. Set one with ICurrentTenant.Begin, or use BypassTenantFilter for host work.");

    /// <summary>The schema of the current tenant under schema-per-tenant, otherwise <see langword="null"/>.</summary>
    public string? TenantSchema { get; }

    /// <summary>Whether a <see cref="BypassTenantFilter"/> scope is open on this context.</summary>
    public bool IsTenantFilterBypassed => _bypassDepth > 0;

    /// <summary>
    /// Opens a logged scope for host or admin work across tenants. Inside it, <c>IgnoreTenantFilter()</c> may be used on
    /// queries (other named filters, such as soft delete, stay on) and saves may touch any tenant's rows (added rows must
    /// carry their tenant id). Dispose it to close the scope.
    /// </summary>
    /// <param name="reason">Why the filter is bypassed; written to the log.</param>
    /// <returns>The scope.</returns>
    public IDisposable BypassTenantFilter(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        _bypassDepth++;
        var logger = this.GetService<ILoggerFactory>()?.CreateLogger<TenantDbContext>() ?? NullLogger<TenantDbContext>.Instance;
        TenancyLog.TenantFilterBypassed(logger, GetType().Name, reason, CurrentTenant.Id);
        TenancyEntityFrameworkTelemetry.Bypassed(CurrentTenant.Id);
        return new BypassScope(this);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _bypassDepth = 0;
        base.Dispose();
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        _bypassDepth = 0;
        return base.DisposeAsync();
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Conventions.Add(_ => new TenancyModelConvention(this));
    }

    private sealed class BypassScope(TenantDbContext context) : IDisposable
    {
        private TenantDbContext? _context = context;

        public void Dispose()
        {
            if (_context is { } context)
            {
                _context = null;
                context._bypassDepth = Math.Max(0, context._bypassDepth - 1);
            }
        }
    }
}
