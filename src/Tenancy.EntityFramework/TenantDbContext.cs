using System.Runtime.CompilerServices;
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
/// The tenant filter, stamp and guards do not depend on calling base methods: a model whose tenant-scoped entities
/// would miss any of them fails at model build with <see cref="TenancyConfigurationException"/>.
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
            var tenant = TenancyOptions.CurrentTenant.GetRequiredTenant();
            TenantSchema = schema(tenant);
            SchemaTenantId = tenant.Id;
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

    /// <summary>Under schema-per-tenant, the tenant whose schema this context's model uses (fixed at construction).</summary>
    internal string? SchemaTenantId { get; }

    /// <summary>Under database-per-tenant, the tenant whose database the open connection points at.</summary>
    internal string? ConnectionTenantId { get; set; }

    /// <summary>Whether the save guard switched <c>AutoTransactionBehavior</c> to <c>Always</c> for the running save.</summary>
    internal bool RestoreAutoTransactionBehavior { get; set; }

    /// <summary>Who opened the innermost open bypass scope (<c>member (file:line)</c>), for telemetry.</summary>
    internal string? BypassCaller { get; private set; }

    /// <summary>
    /// Opens a logged scope for host or admin work across tenants. Inside it, <c>IgnoreTenantFilter()</c> may be used on
    /// queries (other named filters, such as soft delete, stay on) and saves may touch any tenant's rows (added rows must
    /// carry their tenant id). Dispose it to close the scope.
    /// </summary>
    /// <param name="reason">Why the filter is bypassed; written to the log.</param>
    /// <param name="callerMember">Filled in by the compiler: the member that opens the scope (logged and metered).</param>
    /// <param name="callerFile">Filled in by the compiler: its source file (logged).</param>
    /// <param name="callerLine">Filled in by the compiler: its line (logged).</param>
    /// <returns>The scope.</returns>
    public IDisposable BypassTenantFilter(
        string reason,
        [CallerMemberName] string callerMember = "",
        [CallerFilePath] string callerFile = "",
        [CallerLineNumber] int callerLine = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(callerMember);
        ArgumentNullException.ThrowIfNull(callerFile);
        _bypassDepth++;
        var previousCaller = BypassCaller;
        BypassCaller = callerMember;
        var logger = this.GetService<ILoggerFactory>()?.CreateLogger<TenantDbContext>() ?? NullLogger<TenantDbContext>.Instance;
        TenancyLog.TenantFilterBypassed(logger, GetType().Name, reason, CurrentTenant.Id, callerMember, Path.GetFileName(callerFile), callerLine);
        TenancyEntityFrameworkTelemetry.Bypassed(CurrentTenant.Id, callerMember);
        return new BypassScope(this, previousCaller);
    }

    /// <inheritdoc />
    public override void Dispose()
    {
        _bypassDepth = 0;
        BypassCaller = null;
        base.Dispose();
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        _bypassDepth = 0;
        BypassCaller = null;
        return base.DisposeAsync();
    }

    private sealed class BypassScope(TenantDbContext context, string? previousCaller) : IDisposable
    {
        private TenantDbContext? _context = context;

        public void Dispose()
        {
            if (_context is { } context)
            {
                _context = null;
                context._bypassDepth = Math.Max(0, context._bypassDepth - 1);
                context.BypassCaller = context._bypassDepth == 0 ? null : previousCaller;
            }
        }
    }
}
