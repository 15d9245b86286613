using System.Data.Common;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;
using Tenancy.Billing.Usage;

namespace Tenancy.Sample.Host.Console.Pages.Tenant;

/// <summary>The tenant's plan, usage against its limits now, and a chart per meter of the last 30 days.</summary>
public sealed class UsageModel(ICurrentTenant current, IPlanCatalog plans, IQuotaGuard quotas, IUsageHistory history, TimeProvider time) : TenantConsolePage(current)
{
    private const int Days = 30;

    public string PlanName { get; private set; } = "";

    public IReadOnlyList<string> Features { get; private set; } = [];

    public IReadOnlyList<QuotaUsage> Usage { get; private set; } = [];

    /// <summary>One chart per meter: its name and the SVG (built from numbers only, see <see cref="UsageChart"/>).</summary>
    public IReadOnlyList<(string Meter, string Svg)> Charts { get; private set; } = [];

    public string? HistoryError { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var plan = plans.GetPlan(Tenant);
        PlanName = plan.DisplayName ?? plan.Id;
        Features = plan.Features.Order(StringComparer.Ordinal).ToList();
        Usage = await quotas.GetUsageAsync(Tenant, cancellationToken);

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        IReadOnlyList<UsageSnapshot> snapshots = [];
        try
        {
            snapshots = await history.GetDailyAsync(today.AddDays(-(Days - 1)), today, null, cancellationToken);
        }
        catch (DbException)
        {
            HistoryError = "No usage history: this database predates usage snapshots (delete App_Data/sample.db to recreate it).";
        }

        var charts = new List<(string, string)>();
        foreach (var usage in Usage)
        {
            var byDay = snapshots.Where(s => s.Meter == usage.Meter).ToDictionary(s => s.Day, s => s.Used);
            byDay[today] = usage.Used; // today is live, not the last snapshot
            var days = Enumerable.Range(0, Days).Select(i => today.AddDays(i - (Days - 1))).Select(d => (d, byDay.GetValueOrDefault(d))).ToList();
            charts.Add((usage.Meter, UsageChart.Render(usage.Meter, days, usage.Limit)));
        }

        Charts = charts;
    }
}
