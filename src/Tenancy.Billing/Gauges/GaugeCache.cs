using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;

namespace Tenancy.Billing.Gauges;

/// <summary>
/// Caches gauge readings per tenant and meter. Within a reading's lifetime, granted consumption is added to the cached
/// level (compare-and-swap), so concurrent uploads in one process cannot together pass the limit; the next reading
/// replaces the estimate with the source's truth.
/// </summary>
internal sealed class GaugeCache(IServiceProvider services, TimeProvider time)
{
    private readonly ConcurrentDictionary<(string Tenant, string Meter), Entry> _entries = new();

    public async ValueTask<CounterOutcome> TryConsumeAsync(TenantInfo tenant, MeterLimit limit, long amount, CancellationToken cancellationToken)
    {
        var entry = await GetAsync(tenant, limit.Meter, cancellationToken).ConfigureAwait(false);
        return InMemoryQuotaCounterStore.Consume(ref entry.Level, amount, limit.Cap);
    }

    public async ValueTask RefundAsync(TenantInfo tenant, MeterDefinition meter, long amount, CancellationToken cancellationToken)
    {
        var entry = await GetAsync(tenant, meter, cancellationToken).ConfigureAwait(false);
        InMemoryQuotaCounterStore.Refund(ref entry.Level, amount);
    }

    public async ValueTask<long> ReadAsync(TenantInfo tenant, MeterDefinition meter, CancellationToken cancellationToken)
    {
        var entry = await GetAsync(tenant, meter, cancellationToken).ConfigureAwait(false);
        return Volatile.Read(ref entry.Level);
    }

    /// <summary>Forgets a tenant's cached reading (after the host knows the level changed).</summary>
    public void Invalidate(string tenantId, string meter) => _entries.TryRemove((tenantId, meter), out _);

    private async ValueTask<Entry> GetAsync(TenantInfo tenant, MeterDefinition meter, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcTicks;
        if (_entries.TryGetValue((tenant.Id, meter.Name), out var entry) && entry.ExpiresTicks > now)
        {
            return entry;
        }

        var source = services.GetKeyedService<IGaugeSource>(meter.Name)
            ?? throw new InvalidOperationException($"The gauge meter '{meter.Name}' has no source: register one with AddTenancyBilling(b => b.AddGauge(\"{meter.Name}\", …)).");
        var level = await source.ReadAsync(tenant, cancellationToken).ConfigureAwait(false);
        var fresh = new Entry { Level = level, ExpiresTicks = now + meter.GaugeCacheTtl.Ticks };
        _entries[(tenant.Id, meter.Name)] = fresh;
        return fresh;
    }

    private sealed class Entry
    {
        public long Level;

        public long ExpiresTicks { get; init; }
    }
}
