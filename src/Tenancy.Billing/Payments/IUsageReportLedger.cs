namespace Tenancy.Billing.Payments;

/// <summary>The durable record of usage reported to Stripe.</summary>
public interface IUsageReportLedger
{
    /// <summary>The last report of a tenant's meter in a period, or <see langword="null"/>.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="meter">The meter.</param>
    /// <param name="periodStart">The period start.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The report.</returns>
    ValueTask<UsageReport?> FindAsync(string tenantId, string meter, DateTimeOffset periodStart, CancellationToken cancellationToken = default);

    /// <summary>Records a report (replacing the previous one of the same tenant, meter and period).</summary>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when recorded.</returns>
    ValueTask RecordAsync(UsageReport report, CancellationToken cancellationToken = default);

    /// <summary>A tenant's reports, newest period first.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The reports.</returns>
    ValueTask<IReadOnlyList<UsageReport>> ListAsync(string tenantId, CancellationToken cancellationToken = default);
}
