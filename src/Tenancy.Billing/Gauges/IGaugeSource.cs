namespace Tenancy.Billing.Gauges;

/// <summary>
/// Reads a gauge meter's current level for a tenant (bytes stored, seats, projects). Registered by the host per meter
/// with <c>BillingBuilder.AddGauge</c>; readings are cached for the meter's <see cref="Plans.MeterOptions.GaugeCacheTtl"/>.
/// </summary>
public interface IGaugeSource
{
    /// <summary>Reads the level.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The level in the meter's unit.</returns>
    ValueTask<long> ReadAsync(TenantInfo tenant, CancellationToken cancellationToken);
}
