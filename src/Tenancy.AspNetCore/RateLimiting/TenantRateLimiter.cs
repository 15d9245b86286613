using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.Diagnostics;
using Tenancy.Diagnostics;
using Tenancy.Events;

namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>
/// One <see cref="PartitionedRateLimiter{TResource}"/> over tenants, partitioned by <see cref="TenantPartitionKey"/>.
/// Idle partitions are disposed by the partitioned limiter; a published change of a tenant moves its generation on,
/// so the next request starts on a fresh partition with the limits of the tenant's current plan.
/// </summary>
internal sealed class TenantRateLimiter : IDisposable
{
    private readonly TenantRateLimiterOptions _options;
    private readonly PartitionedRateLimiter<TenantInfo> _limiter;
    private readonly ConcurrentDictionary<string, int> _generations = new(StringComparer.Ordinal);
    private readonly IDisposable? _subscription;
    private readonly Meter _meter;
    private readonly Counter<long> _rejections;
    private volatile bool _hasGenerations;

    public TenantRateLimiter(IOptions<TenantRateLimiterOptions> options, ITenantChangeNotifier? notifier = null, IMeterFactory? meterFactory = null)
    {
        _options = options.Value;
        _limiter = PartitionedRateLimiter.Create<TenantInfo, TenantPartitionKey>(Partition);
        _subscription = notifier?.Subscribe(OnTenantChanged);
        _meter = meterFactory?.Create(TenancyAspNetCoreTelemetry.Name) ?? new Meter(TenancyAspNetCoreTelemetry.Name);
        _rejections = _meter.CreateCounter<long>(TenancyAspNetCoreTelemetry.RateLimitRejectionsCounter, unit: "{request}", description: "Requests refused by the per-tenant rate limiter.");
    }

    public TimeSpan DefaultRetryAfter => _options.DefaultRetryAfter;

    public ValueTask<RateLimitLease> AcquireAsync(TenantInfo tenant, CancellationToken cancellationToken) =>
        _limiter.AcquireAsync(tenant, 1, cancellationToken);

    public void RecordRejection(TenantInfo tenant)
    {
        if (_rejections.Enabled)
        {
            _rejections.Add(
                1,
                new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, tenant.Id),
                new KeyValuePair<string, object?>(TenancyAspNetCoreTelemetry.PlanTag, tenant.Plan ?? "default"));
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _limiter.Dispose();
        _meter.Dispose();
    }

    private RateLimitPartition<TenantPartitionKey> Partition(TenantInfo tenant)
    {
        var generation = _hasGenerations && _generations.TryGetValue(tenant.Id, out var g) ? g : 0;
        var key = new TenantPartitionKey(tenant.Id, tenant.Plan, generation);
        var factory = _options.FactoryFor(tenant.Plan);
        return factory is null ? RateLimitPartition.GetNoLimiter(key) : RateLimitPartition.Get(key, factory);
    }

    private void OnTenantChanged(TenantChange change)
    {
        _generations.AddOrUpdate(change.TenantId, 1, static (_, g) => unchecked(g + 1));
        _hasGenerations = true;
    }
}
