namespace Tenancy.Billing.Usage;

/// <summary>Reads the current tenant's usage history, for dashboards. Tenant-scoped through the EF tenant filter.</summary>
public interface IUsageHistory
{
    /// <summary>The current tenant's daily snapshots in a range of days, ordered by meter then day.</summary>
    /// <param name="from">The first day (inclusive).</param>
    /// <param name="to">The last day (inclusive).</param>
    /// <param name="meter">One meter, or <see langword="null"/> for all.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The snapshots.</returns>
    /// <exception cref="TenantNotResolvedException">No tenant is current.</exception>
    Task<IReadOnlyList<UsageSnapshot>> GetDailyAsync(DateOnly from, DateOnly to, string? meter = null, CancellationToken cancellationToken = default);
}
