using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;
using Tenancy.EntityFramework;
using Tenancy.Stores;

namespace Tenancy.Billing.Usage;

/// <summary>
/// Writes daily snapshots: for each tenant (made current so the EF filter, save guard and RLS apply) and each meter of
/// its plan, upserts the row of (tenant, meter, day) — re-running a day rewrites the same rows, so runs are idempotent
/// and past days can be back-filled while the counter store still holds their period.
/// </summary>
internal sealed class UsageSnapshotWriter<TContext>(
    IServiceScopeFactory scopes,
    ITenantStore tenants,
    ICurrentTenant current,
    PlanCatalog catalog,
    QuotaGuard guard,
    TimeProvider time) : IUsageSnapshotWriter
    where TContext : DbContext, ITenantDbContext
{
    public async Task<int> WriteAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        var written = 0;
        await foreach (var tenant in Payments.TenantDirectory.AllAsync(tenants, cancellationToken).ConfigureAwait(false))
        {
            written += await WriteAsync(tenant, day, cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    public async Task<int> WriteAsync(TenantInfo tenant, DateOnly day, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        Plans.Plan plan;
        try
        {
            plan = catalog.GetPlan(tenant);
        }
        catch (UnknownPlanException)
        {
            return 0;
        }

        var now = time.GetUtcNow();
        var endOfDay = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1).AddTicks(-1);
        var at = endOfDay < now ? endOfDay : now;
        var rows = new List<UsageSnapshot>();
        foreach (var limit in plan.Limits.Values)
        {
            var reading = await guard.ReadAtAsync(tenant, limit, at, cancellationToken).ConfigureAwait(false);
            if (reading is not { } r)
            {
                continue; // the store no longer holds that period
            }

            rows.Add(new UsageSnapshot
            {
                Meter = limit.Meter.Name,
                Day = day,
                Used = r.Used,
                Limit = limit.Unlimited ? null : limit.Limit,
                PeriodStart = r.PeriodStart,
                RecordedAt = now,
            });
        }

        if (rows.Count == 0)
        {
            return 0;
        }

        using (current.Begin(tenant))
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var meters = rows.Select(r => r.Meter).ToArray();
            var existing = await db.Set<UsageSnapshot>().Where(s => s.Day == day && meters.Contains(s.Meter)).ToDictionaryAsync(s => s.Meter, cancellationToken).ConfigureAwait(false);
            foreach (var row in rows)
            {
                if (existing.TryGetValue(row.Meter, out var stored))
                {
                    stored.Used = row.Used;
                    stored.Limit = row.Limit;
                    stored.PeriodStart = row.PeriodStart;
                    stored.RecordedAt = row.RecordedAt;
                }
                else
                {
                    db.Add(row);
                }
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return rows.Count;
    }
}
