using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.EntityFramework.Diagnostics;
using Tenancy.EntityFramework.Interception;

namespace Tenancy.EntityFramework;

/// <summary>
/// The Tenancy state of one context: its settings, the current tenant and the open bypass scopes. A
/// <see cref="TenantDbContext"/> has one; any other context opts in through <see cref="ITenantDbContext"/>.
/// </summary>
public sealed class TenancyDbContextState
{
    private readonly DbContext _context;
    private int _bypassDepth;

    /// <summary>Creates the state of <paramref name="context"/>; call it from the context's constructor.</summary>
    /// <param name="context">The context (a <see cref="TenantDbContext"/> or an <see cref="ITenantDbContext"/>).</param>
    /// <param name="options">The context's options, configured with <c>UseTenancy()</c>.</param>
    /// <exception cref="InvalidOperationException">The options do not carry <c>UseTenancy()</c>.</exception>
    /// <exception cref="TenantNotResolvedException">Schema-per-tenant and no tenant is current.</exception>
    public TenancyDbContextState(DbContext context, DbContextOptions options)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        _context = context;
        Options = options.FindExtension<TenancyDbContextOptionsExtension>()?.Options
            ?? throw new InvalidOperationException($"{context.GetType().Name} is tenant-aware: configure it with UseTenancy() (or AddTenantDbContext).");
        Metrics = EntityFrameworkMetrics.From(options);
        if (Options.SchemaSelector is { } schema)
        {
            var tenant = Options.CurrentTenant.GetRequiredTenant();
            TenantSchema = schema(tenant);
            SchemaTenantId = tenant.Id;
        }
    }

    /// <summary>The Tenancy settings of the context.</summary>
    public TenancyDbContextOptions Options { get; }

    /// <summary>The current tenant.</summary>
    public ICurrentTenant CurrentTenant => Options.CurrentTenant;

    /// <summary>
    /// The tenant id that the tenant filter compares with. Throws <see cref="TenantNotResolvedException"/> when no tenant
    /// is current, so a query on a tenant-scoped entity without a tenant fails instead of returning every tenant's rows.
    /// </summary>
    public string CurrentTenantId => Options.CurrentTenant.Id ?? throw new TenantNotResolvedException(
        "No tenant is set: tenant-scoped entities cannot be queried or saved. Set one with ICurrentTenant.Begin, or use BypassTenantFilter for host work.");

    /// <summary>The schema of the current tenant under schema-per-tenant, otherwise <see langword="null"/>.</summary>
    public string? TenantSchema { get; }

    /// <summary>Whether a <see cref="BypassTenantFilter"/> scope is open.</summary>
    public bool IsTenantFilterBypassed => _bypassDepth > 0;

    /// <summary>Under schema-per-tenant, the tenant whose schema the context's model uses (fixed at construction).</summary>
    internal string? SchemaTenantId { get; }

    /// <summary>Under database-per-tenant, the tenant whose database the open connection points at.</summary>
    internal string? ConnectionTenantId { get; set; }

    /// <summary>Whether the save guard switched <c>AutoTransactionBehavior</c> to <c>Always</c> for the running save.</summary>
    internal bool RestoreAutoTransactionBehavior { get; set; }

    /// <summary>The metrics of the application's service provider, or <see langword="null"/> (nothing is metered).</summary>
    internal EntityFrameworkMetrics? Metrics { get; }

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
        var logger = _context.GetService<ILoggerFactory>()?.CreateLogger<TenantDbContext>() ?? NullLogger<TenantDbContext>.Instance;
        TenancyLog.TenantFilterBypassed(logger, _context.GetType().Name, reason, CurrentTenant.Id, callerMember, Path.GetFileName(callerFile), callerLine);
        Metrics?.Bypassed(CurrentTenant.Id, callerMember);
        return new BypassScope(this, previousCaller);
    }

    /// <summary>Closes every bypass scope (the context is disposed or returned to its pool).</summary>
    internal void Reset()
    {
        _bypassDepth = 0;
        BypassCaller = null;
    }

    /// <summary>The state of <paramref name="context"/> when it is tenant-aware, otherwise <see langword="null"/>.</summary>
    internal static TenancyDbContextState? Of(DbContext? context) => (context as ITenantDbContext)?.Tenancy;

    private sealed class BypassScope(TenancyDbContextState state, string? previousCaller) : IDisposable
    {
        private TenancyDbContextState? _state = state;

        public void Dispose()
        {
            if (_state is { } state)
            {
                _state = null;
                state._bypassDepth = Math.Max(0, state._bypassDepth - 1);
                state.BypassCaller = state._bypassDepth == 0 ? null : previousCaller;
            }
        }
    }
}
