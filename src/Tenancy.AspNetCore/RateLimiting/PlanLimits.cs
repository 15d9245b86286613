using System.Threading.RateLimiting;
using Tenancy.RateLimiting;

namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>The limiter factories of one plan: the tenant-wide cap, a caller's share, the anonymous budget and an address's share of it.</summary>
internal sealed class PlanLimits
{
    public PlanLimits(RateLimitSpec spec, double callerShare, double anonymousShare, ISharedRateLimiterFactory? shared = null)
    {
        Cap = spec.Factory(1, shared, "cap");
        Caller = spec.Factory(callerShare, shared, "caller");
        AnonymousPool = spec.Factory(anonymousShare, shared, "anonymous");
        AnonymousCaller = spec.Factory(anonymousShare * callerShare, shared, "anonymous-caller");
    }

    /// <summary>The tenant-wide cap for authenticated callers.</summary>
    public Func<TenantPartitionKey, RateLimiter>? Cap { get; }

    /// <summary>One authenticated caller's share.</summary>
    public Func<TenantPartitionKey, RateLimiter>? Caller { get; }

    /// <summary>The tenant's budget for anonymous requests.</summary>
    public Func<TenantPartitionKey, RateLimiter>? AnonymousPool { get; }

    /// <summary>One client address's share of the anonymous budget.</summary>
    public Func<TenantPartitionKey, RateLimiter>? AnonymousCaller { get; }
}
