using System.Collections.Concurrent;

namespace Tenancy.Billing.Payments;

/// <summary>The report ledger in memory (tests, single-process hosts without EF).</summary>
internal sealed class InMemoryUsageReportLedger : IUsageReportLedger
{
    private readonly ConcurrentDictionary<(string, string, DateTimeOffset), UsageReport> _reports = new();

    public ValueTask<UsageReport?> FindAsync(string tenantId, string meter, DateTimeOffset periodStart, CancellationToken cancellationToken = default) =>
        new(_reports.GetValueOrDefault((tenantId, meter, periodStart)));

    public ValueTask RecordAsync(UsageReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        _reports[(report.TenantId, report.Meter, report.PeriodStart)] = report;
        return ValueTask.CompletedTask;
    }

    public ValueTask<IReadOnlyList<UsageReport>> ListAsync(string tenantId, CancellationToken cancellationToken = default) =>
        new(_reports.Values.Where(r => r.TenantId == tenantId).OrderByDescending(r => r.PeriodStart).ThenBy(r => r.Meter, StringComparer.Ordinal).ToArray());
}
