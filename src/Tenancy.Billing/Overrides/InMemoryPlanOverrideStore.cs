using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.Billing.Diagnostics;
using Tenancy.Billing.Events;

namespace Tenancy.Billing.Overrides;

/// <summary>Keeps overrides in memory (one process). Expired overrides stop applying at <see cref="PlanOverride.ExpiresAt"/>.</summary>
internal sealed class InMemoryPlanOverrideStore(BillingEventDispatcher events, TimeProvider time, ILogger<InMemoryPlanOverrideStore>? logger = null) : IPlanOverrideStore
{
    private readonly ConcurrentDictionary<(string Tenant, string Meter), PlanOverride> _overrides = new();
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private volatile int _count;

    public ValueTask SetAsync(PlanOverride planOverride, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        PlanOverrideValidation.Validate(planOverride, now);

        _overrides[(planOverride.TenantId, planOverride.Meter)] = planOverride;
        _count = _overrides.Count;
        Log.OverrideSet(_logger, planOverride.TenantId, planOverride.Meter, planOverride.Limit, planOverride.ExpiresAt, planOverride.ApprovedBy, planOverride.Reason);
        events.Publish(new PlanOverrideChanged(planOverride.TenantId, now, planOverride, Removed: false));
        return ValueTask.CompletedTask;
    }

    public ValueTask<bool> RemoveAsync(string tenantId, string meter, string removedBy, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(meter);
        ArgumentException.ThrowIfNullOrWhiteSpace(removedBy);
        if (!_overrides.TryRemove((tenantId, meter), out var removed))
        {
            return ValueTask.FromResult(false);
        }

        _count = _overrides.Count;
        Log.OverrideRemoved(_logger, tenantId, meter, removedBy);
        events.Publish(new PlanOverrideChanged(tenantId, time.GetUtcNow(), removed, Removed: true));
        return ValueTask.FromResult(true);
    }

    public ValueTask<IReadOnlyList<PlanOverride>> ListAsync(string tenantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        var now = time.GetUtcNow();
        IReadOnlyList<PlanOverride> list = _overrides.Values
            .Where(o => o.TenantId == tenantId && o.ExpiresAt > now)
            .OrderBy(o => o.Meter, StringComparer.Ordinal)
            .ToArray();
        return ValueTask.FromResult(list);
    }

    public PlanOverride? Find(string tenantId, string meter)
    {
        if (_count == 0 || !_overrides.TryGetValue((tenantId, meter), out var found))
        {
            return null;
        }

        return found.ExpiresAt > time.GetUtcNow() ? found : null;
    }
}
