using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.Billing.Diagnostics;
using Tenancy.Billing.Events;
using Tenancy.Billing.Overrides;
using Tenancy.EntityFramework;
using Tenancy.Stores;

namespace Tenancy.Billing.Stores;

/// <summary>
/// Overrides stored in the host's tenant context (tenant-scoped: another tenant can neither read nor change them) and
/// mirrored in memory for the quota hot path. The mirror is loaded when the host starts, so overrides survive restarts,
/// and reloaded every <c>refresh</c>, so changes made by other instances on the same database apply here too.
/// </summary>
internal sealed class EfPlanOverrideStore<TContext>(
    IServiceScopeFactory scopes,
    ICurrentTenant current,
    ITenantStore tenants,
    BillingEventDispatcher events,
    TimeProvider time,
    TimeSpan refresh,
    ILogger<EfPlanOverrideStore<TContext>>? logger = null) : IPlanOverrideStore, IHostedService, IDisposable
    where TContext : DbContext, ITenantDbContext
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private volatile ConcurrentDictionary<(string Tenant, string Meter), PlanOverride> _overrides = new();
    private CancellationTokenSource? _stopping;
    private Task? _refreshing;

    public async ValueTask SetAsync(PlanOverride planOverride, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        PlanOverrideValidation.Validate(planOverride, now);

        using (current.Begin(await TenantScopes.ResolveAsync(current, tenants, planOverride.TenantId, cancellationToken).ConfigureAwait(false)))
        {
            await using var services = scopes.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<TContext>();
            var row = await db.Set<PlanOverrideRecord>()
                .FirstOrDefaultAsync(o => o.TenantId == planOverride.TenantId && o.Meter == planOverride.Meter, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                row = new PlanOverrideRecord { TenantId = planOverride.TenantId, Meter = planOverride.Meter };
                db.Add(row); // the save guard refuses it when another tenant is current
            }

            row.Limit = planOverride.Limit;
            row.ExpiresAt = planOverride.ExpiresAt.ToUniversalTime();
            row.Reason = planOverride.Reason;
            row.ApprovedBy = planOverride.ApprovedBy;
            row.SetAt = now;
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        _overrides[(planOverride.TenantId, planOverride.Meter)] = planOverride;
        Log.OverrideSet(_logger, planOverride.TenantId, planOverride.Meter, planOverride.Limit, planOverride.ExpiresAt, planOverride.ApprovedBy, planOverride.Reason);
        events.Publish(new PlanOverrideChanged(planOverride.TenantId, now, planOverride, Removed: false));
    }

    public async ValueTask<bool> RemoveAsync(string tenantId, string meter, string removedBy, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(meter);
        ArgumentException.ThrowIfNullOrWhiteSpace(removedBy);
        PlanOverride removed;
        using (current.Begin(await TenantScopes.ResolveAsync(current, tenants, tenantId, cancellationToken).ConfigureAwait(false)))
        {
            await using var services = scopes.CreateAsyncScope();
            var db = services.ServiceProvider.GetRequiredService<TContext>();
            var row = await db.Set<PlanOverrideRecord>()
                .FirstOrDefaultAsync(o => o.TenantId == tenantId && o.Meter == meter, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                return false; // none, or another tenant's (the filter hides it)
            }

            removed = ToOverride(row);
            db.Remove(row);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        _overrides.TryRemove((tenantId, meter), out _);
        Log.OverrideRemoved(_logger, tenantId, meter, removedBy);
        events.Publish(new PlanOverrideChanged(tenantId, time.GetUtcNow(), removed, Removed: true));
        return true;
    }

    public async ValueTask<IReadOnlyList<PlanOverride>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        using (current.Begin(await TenantScopes.ResolveAsync(current, tenants, tenantId, cancellationToken).ConfigureAwait(false)))
        {
            var rows = await LoadCurrentTenantAsync(cancellationToken).ConfigureAwait(false);
            return rows.Where(o => o.TenantId == tenantId).ToArray();
        }
    }

    public PlanOverride? Find(string tenantId, string meter)
    {
        if (_overrides.IsEmpty || !_overrides.TryGetValue((tenantId, meter), out var found))
        {
            return null;
        }

        return found.ExpiresAt > time.GetUtcNow() ? found : null;
    }

    /// <summary>Loads every tenant's unexpired overrides into memory, then keeps reloading them every <c>refresh</c>.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ReloadAsync(cancellationToken).ConfigureAwait(false);
        if (refresh > TimeSpan.Zero)
        {
            _stopping = new CancellationTokenSource();
            _refreshing = RefreshAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // The container may dispose this singleton before or after the host stops it: whichever comes first ends the
        // refresh loop, the other finds nothing left to do.
        var stopping = Interlocked.Exchange(ref _stopping, null);
        if (stopping is null)
        {
            return;
        }

        try
        {
            await stopping.CancelAsync().ConfigureAwait(false);
            if (_refreshing is { } refreshing)
            {
                await refreshing.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            stopping.Dispose();
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _stopping, null) is { } stopping)
        {
            stopping.Cancel();
            stopping.Dispose();
        }
    }

    /// <summary>Replaces the memory mirror with every tenant's unexpired overrides (each read as its tenant).</summary>
    internal async Task ReloadAsync(CancellationToken cancellationToken)
    {
        var fresh = new ConcurrentDictionary<(string Tenant, string Meter), PlanOverride>();
        await foreach (var tenant in Payments.TenantDirectory.AllAsync(tenants, cancellationToken).ConfigureAwait(false))
        {
            using (current.Begin(tenant))
            {
                foreach (var o in await LoadCurrentTenantAsync(cancellationToken).ConfigureAwait(false))
                {
                    fresh[(o.TenantId, o.Meter)] = o;
                }
            }
        }

        _overrides = fresh;
    }

    private async Task RefreshAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(refresh, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await ReloadAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    Log.BillingRunFailed(_logger, ex); // the last mirror stays in force; the next tick retries
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<IReadOnlyList<PlanOverride>> LoadCurrentTenantAsync(CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<TContext>();
        var rows = await db.Set<PlanOverrideRecord>().AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        return rows.Where(o => o.ExpiresAt > now).OrderBy(o => o.Meter, StringComparer.Ordinal).Select(ToOverride).ToArray();
    }

    private static PlanOverride ToOverride(PlanOverrideRecord o) => new(o.TenantId, o.Meter, o.Limit, o.ExpiresAt, o.Reason, o.ApprovedBy);
}
