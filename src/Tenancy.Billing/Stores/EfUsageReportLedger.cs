using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Billing.Payments;
using Tenancy.EntityFramework;
using Tenancy.Stores;

namespace Tenancy.Billing.Stores;

/// <summary>The report ledger in the host's tenant context: one row per tenant, meter and period, read and written as that tenant.</summary>
internal sealed class EfUsageReportLedger<TContext>(IServiceScopeFactory scopes, ICurrentTenant current, ITenantStore tenants) : IUsageReportLedger
    where TContext : DbContext, ITenantDbContext
{
    public async ValueTask<UsageReport?> FindAsync(string tenantId, string meter, DateTimeOffset periodStart, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(meter);
        var start = periodStart.ToUniversalTime();
        using var scope = current.Begin(await TenantScopes.ResolveAsync(current, tenants, tenantId, cancellationToken).ConfigureAwait(false));
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<TContext>();
        var row = await db.Set<UsageReportRecord>().AsNoTracking()
            .FirstOrDefaultAsync(r => r.TenantId == tenantId && r.Meter == meter && r.PeriodStart == start, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToReport(row);
    }

    public async ValueTask RecordAsync(UsageReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.TenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(report.Meter);
        var start = report.PeriodStart.ToUniversalTime();
        using var scope = current.Begin(await TenantScopes.ResolveAsync(current, tenants, report.TenantId, cancellationToken).ConfigureAwait(false));
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<TContext>();
        var row = await db.Set<UsageReportRecord>()
            .FirstOrDefaultAsync(r => r.TenantId == report.TenantId && r.Meter == report.Meter && r.PeriodStart == start, cancellationToken).ConfigureAwait(false);
        if (row is null)
        {
            row = new UsageReportRecord { TenantId = report.TenantId, Meter = report.Meter, PeriodStart = start };
            db.Add(row);
        }

        row.Reported = report.Reported;
        row.Identifier = report.Identifier;
        row.ReportedAt = report.ReportedAt.ToUniversalTime();
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<UsageReport>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenantId);
        using var scope = current.Begin(await TenantScopes.ResolveAsync(current, tenants, tenantId, cancellationToken).ConfigureAwait(false));
        await using var services = scopes.CreateAsyncScope();
        var db = services.ServiceProvider.GetRequiredService<TContext>();
        var rows = await db.Set<UsageReportRecord>().AsNoTracking().Where(r => r.TenantId == tenantId).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.OrderByDescending(r => r.PeriodStart).ThenBy(r => r.Meter, StringComparer.Ordinal).Select(ToReport).ToArray();
    }

    private static UsageReport ToReport(UsageReportRecord r) => new(r.TenantId, r.Meter, r.PeriodStart, r.Reported, r.Identifier, r.ReportedAt);
}
