namespace Tenancy.Billing.Quotas;

/// <summary>
/// Checks and counts consumption against the tenant's plan. A consume is one atomic check-and-increment: under a hard
/// limit, concurrent callers against a remaining R are granted exactly R units in total (in-process and, with Redis,
/// across processes); a refused consume changes nothing.
/// </summary>
public interface IQuotaGuard
{
    /// <summary>Consumes <paramref name="amount"/> units of <paramref name="meter"/> for the current tenant.</summary>
    /// <param name="meter">The meter.</param>
    /// <param name="amount">The units, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was granted and where the tenant stands.</returns>
    /// <exception cref="TenantNotResolvedException">No tenant is current.</exception>
    /// <exception cref="Plans.UnknownMeterException">The meter is not in the catalogue.</exception>
    /// <exception cref="Plans.UnknownPlanException">The tenant's plan is not in the catalogue.</exception>
    ValueTask<QuotaResult> TryConsumeAsync(string meter, long amount = 1, CancellationToken cancellationToken = default);

    /// <summary>Consumes <paramref name="amount"/> units of <paramref name="meter"/> for <paramref name="tenant"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="meter">The meter.</param>
    /// <param name="amount">The units, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Whether it was granted and where the tenant stands.</returns>
    ValueTask<QuotaResult> TryConsumeAsync(TenantInfo tenant, string meter, long amount = 1, CancellationToken cancellationToken = default);

    /// <summary>Gives back units of the current period (a failed operation returns what it consumed). Never goes below zero.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="meter">The meter.</param>
    /// <param name="amount">The units, at least 1.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when refunded.</returns>
    ValueTask RefundAsync(TenantInfo tenant, string meter, long amount = 1, CancellationToken cancellationToken = default);

    /// <summary>The tenant's usage of every meter of the catalogue in the current period.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per meter, ordered by meter name.</returns>
    ValueTask<IReadOnlyList<QuotaUsage>> GetUsageAsync(TenantInfo tenant, CancellationToken cancellationToken = default);
}
