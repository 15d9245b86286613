using System.Collections.Concurrent;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.Diagnostics;
using Tenancy.Events;
using Tenancy.RateLimiting;

namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>
/// Two <see cref="PartitionedRateLimiter{TResource}"/>s over callers: one partitioned by caller (an authenticated
/// principal of a tenant, an anonymous client address of a tenant, or an address without a tenant) and one by tenant
/// pool (the authenticated callers' cap, the anonymous budget). A request takes its caller's permit first, so a caller
/// over its own share never spends the tenant's. Idle partitions are disposed by the partitioned limiters; a published
/// change of a tenant moves its generation on, so the next request starts on fresh partitions with the limits of the
/// tenant's current plan.
/// </summary>
internal sealed class TenantRateLimiter : IDisposable
{
    private readonly TenantRateLimiterOptions _options;
    private readonly Dictionary<string, PlanLimits> _plans;
    private readonly PlanLimits _default;
    private readonly Func<TenantPartitionKey, RateLimiter>? _withoutTenant;
    private readonly string[] _callerClaimTypes;
    private readonly PartitionedRateLimiter<RateLimitCaller> _callers;
    private readonly PartitionedRateLimiter<RateLimitCaller> _pools;
    private readonly ConcurrentDictionary<string, int> _generations = new(StringComparer.Ordinal);
    private readonly IDisposable? _subscription;
    private readonly AspNetCoreMetrics? _metrics;
    private volatile bool _hasGenerations;
    private int _resets;

    public TenantRateLimiter(
        IOptions<TenantRateLimiterOptions> options,
        ITenantChangeNotifier? notifier = null,
        AspNetCoreMetrics? metrics = null,
        ISharedRateLimiterFactory? shared = null)
    {
        _options = options.Value;
        _default = new PlanLimits(_options.Default, _options.CallerShare, _options.AnonymousShare, shared);
        _plans = _options.Plans.ToDictionary(
            static p => p, p => new PlanLimits(_options.SpecFor(p), _options.CallerShare, _options.AnonymousShare, shared), StringComparer.OrdinalIgnoreCase);
        _withoutTenant = _options.WithoutTenant.Factory(1, shared, "without-tenant");
        _callerClaimTypes = [.. _options.CallerClaimTypes];
        _callers = PartitionedRateLimiter.Create<RateLimitCaller, TenantPartitionKey>(CallerPartition);
        _pools = PartitionedRateLimiter.Create<RateLimitCaller, TenantPartitionKey>(PoolPartition);
        _subscription = notifier?.Subscribe(OnTenantChanged);
        _metrics = metrics;
    }

    public TimeSpan DefaultRetryAfter => _options.DefaultRetryAfter;

    /// <summary>Whether requests without a tenant are limited at all.</summary>
    public bool LimitsRequestsWithoutTenant => _withoutTenant is not null;

    /// <summary>Describes the caller of <paramref name="context"/> for <paramref name="tenant"/>. Allocates nothing unless a selector does.</summary>
    public RateLimitCaller Describe(HttpContext context, TenantInfo? tenant)
    {
        var user = context.User;
        var authenticated = tenant is not null && user is not null && IsAuthenticated(user);
        string? callerId = null;
        if (authenticated)
        {
            callerId = _options.CallerIdSelector?.Invoke(context) ?? FindCallerId(user!);
        }

        var address = callerId is null
            ? TenantPartitionKey.AddressKey(_options.ClientAddressSelector is { } select ? select(context) : context.Connection.RemoteIpAddress, _options.IPv6PrefixLength)
            : UInt128.Zero;
        return new RateLimitCaller(tenant, authenticated, callerId, address);
    }

    /// <summary>The caller's own share.</summary>
    public ValueTask<RateLimitLease> AcquireCallerAsync(RateLimitCaller caller, CancellationToken cancellationToken) =>
        _callers.AcquireAsync(caller, 1, cancellationToken);

    /// <summary>The tenant-wide pool the caller counts against (no limit for requests without a tenant).</summary>
    public ValueTask<RateLimitLease> AcquirePoolAsync(RateLimitCaller caller, CancellationToken cancellationToken) =>
        _pools.AcquireAsync(caller, 1, cancellationToken);

    public void RecordRejection(RateLimitCaller caller, string partition) =>
        _metrics?.RateLimitRejected(caller.Tenant?.Id, caller.Tenant is null ? null : caller.Tenant.Plan ?? "default", PoolName(caller.Pool), partition);

    public static string PoolName(RateLimitPool pool) => pool switch
    {
        RateLimitPool.Authenticated => "authenticated",
        RateLimitPool.Anonymous => "anonymous",
        _ => "without_tenant",
    };

    public void Dispose()
    {
        _subscription?.Dispose();
        _callers.Dispose();
        _pools.Dispose();
    }

    // ClaimsPrincipal.Identity enumerates the identities through a boxed enumerator; indexing the list does not allocate.
    private static bool IsAuthenticated(ClaimsPrincipal user)
    {
        if (user.Identities is IReadOnlyList<ClaimsIdentity> identities)
        {
            for (var i = 0; i < identities.Count; i++)
            {
                if (identities[i]?.IsAuthenticated == true)
                {
                    return true;
                }
            }

            return false;
        }

        return user.Identity?.IsAuthenticated == true;
    }

    private string? FindCallerId(ClaimsPrincipal user)
    {
        // Indexing the framework's lists avoids boxed enumerators: reading the caller id allocates nothing.
        if (user.Identities is not IReadOnlyList<ClaimsIdentity> identities)
        {
            return null;
        }

        foreach (var type in _callerClaimTypes)
        {
            for (var i = 0; i < identities.Count; i++)
            {
                var identity = identities[i];
                if (identity is null || !identity.IsAuthenticated || identity.Claims is not IReadOnlyList<Claim> claims)
                {
                    continue;
                }

                for (var j = 0; j < claims.Count; j++)
                {
                    var claim = claims[j];
                    if (string.Equals(claim.Type, type, StringComparison.Ordinal) && claim.Value.Length > 0)
                    {
                        return claim.Value;
                    }
                }
            }
        }

        return null;
    }

    private RateLimitPartition<TenantPartitionKey> CallerPartition(RateLimitCaller caller)
    {
        var tenant = caller.Tenant;
        if (tenant is null)
        {
            var key = new TenantPartitionKey(string.Empty, null, 0, RateLimitPool.WithoutTenant, null, caller.Address);
            return _withoutTenant is null ? RateLimitPartition.GetNoLimiter(key) : RateLimitPartition.Get(key, _withoutTenant);
        }

        var limits = LimitsFor(tenant.Plan);
        var pool = caller.Pool;
        var partitionKey = new TenantPartitionKey(tenant.Id, tenant.Plan, Generation(tenant), pool, caller.CallerId, caller.Address);
        var factory = pool == RateLimitPool.Authenticated ? limits.Caller : limits.AnonymousCaller;
        return factory is null ? RateLimitPartition.GetNoLimiter(partitionKey) : RateLimitPartition.Get(partitionKey, factory);
    }

    private RateLimitPartition<TenantPartitionKey> PoolPartition(RateLimitCaller caller)
    {
        var tenant = caller.Tenant;
        if (tenant is null)
        {
            return RateLimitPartition.GetNoLimiter(default(TenantPartitionKey));
        }

        var limits = LimitsFor(tenant.Plan);
        var pool = caller.Pool;
        var key = new TenantPartitionKey(tenant.Id, tenant.Plan, Generation(tenant), pool, null, UInt128.Zero);
        var factory = pool == RateLimitPool.Authenticated ? limits.Cap : limits.AnonymousPool;
        return factory is null ? RateLimitPartition.GetNoLimiter(key) : RateLimitPartition.Get(key, factory);
    }

    private PlanLimits LimitsFor(string? plan) => plan is not null && _plans.TryGetValue(plan, out var limits) ? limits : _default;

    private int Generation(TenantInfo tenant) => unchecked((_hasGenerations && _generations.TryGetValue(tenant.Id, out var g) ? g : 0) + Volatile.Read(ref _resets));

    private void OnTenantChanged(TenantChange change)
    {
        if (change.Kind == TenantChangeKind.AccessChanged)
        {
            return; // A revoked key or a new role does not restart the tenant's windows.
        }

        if (change.Kind == TenantChangeKind.Reset)
        {
            Interlocked.Increment(ref _resets); // Every tenant may have changed: every partition starts afresh.
            return;
        }

        _generations.AddOrUpdate(change.TenantId, 1, static (_, g) => unchecked(g + 1));
        _hasGenerations = true;
    }
}
