using System.Threading.RateLimiting;

namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>The limiter factories of one plan: the tenant-wide cap, a caller's share, the anonymous budget and an address's share of it.</summary>
internal sealed class PlanLimits
{
    public PlanLimits(RateLimitSpec spec, double callerShare, double anonymousShare)
    {
        Cap = spec.Factory<TenantPoolKey>(1);
        Caller = spec.Factory<TenantPartitionKey>(callerShare);
        AnonymousPool = spec.Factory<TenantPoolKey>(anonymousShare);
        AnonymousCaller = spec.Factory<TenantPartitionKey>(anonymousShare * callerShare);
    }

    /// <summary>The tenant-wide cap for authenticated callers.</summary>
    public Func<TenantPoolKey, RateLimiter>? Cap { get; }

    /// <summary>One authenticated caller's share.</summary>
    public Func<TenantPartitionKey, RateLimiter>? Caller { get; }

    /// <summary>The tenant's budget for anonymous requests.</summary>
    public Func<TenantPoolKey, RateLimiter>? AnonymousPool { get; }

    /// <summary>One client address's share of the anonymous budget.</summary>
    public Func<TenantPartitionKey, RateLimiter>? AnonymousCaller { get; }
}
