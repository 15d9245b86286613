using Tenancy.AspNetCore.Diagnostics;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tenancy.AspNetCore.Problems;

namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>
/// Applies the rate limits of the current tenant and caller: the caller's own share first, then the tenant's pool
/// (authenticated cap or anonymous budget). Requests without a tenant are limited per client address only when
/// <c>LimitRequestsWithoutTenant</c> is set. Added by <c>app.UseTenancyRateLimiter()</c>.
/// </summary>
internal sealed class TenantRateLimitingMiddleware(
    RequestDelegate next,
    TenantRateLimiter limiter,
    ICurrentTenant currentTenant,
    ILogger<TenantRateLimitingMiddleware> logger,
    IProblemDetailsService? problemDetails = null)
{
    private const string CallerPartition = "caller";
    private const string TenantPartition = "tenant";
    private readonly TenancyProblemWriter _problems = new(problemDetails);

    public async Task InvokeAsync(HttpContext context)
    {
        var tenant = currentTenant.Tenant;
        if (tenant is null && !limiter.LimitsRequestsWithoutTenant)
        {
            await next(context);
            return;
        }

        var caller = limiter.Describe(context, tenant);
        RateLimitLease? callerLease = null;
        RateLimitLease? poolLease = null;
        try
        {
            try
            {
                callerLease = await limiter.AcquireCallerAsync(caller, context.RequestAborted);
                if (callerLease.IsAcquired)
                {
                    poolLease = await limiter.AcquirePoolAsync(caller, context.RequestAborted);
                }
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return;
            }

            if (!callerLease.IsAcquired)
            {
                await RejectAsync(context, caller, callerLease, CallerPartition);
                return;
            }

            if (!poolLease!.IsAcquired)
            {
                await RejectAsync(context, caller, poolLease, TenantPartition);
                return;
            }

            await next(context);
        }
        finally
        {
            poolLease?.Dispose();
            callerLease?.Dispose();
        }
    }

    private Task RejectAsync(HttpContext context, RateLimitCaller caller, RateLimitLease lease, string partition)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limiter.DefaultRetryAfter;
        limiter.RecordRejection(caller, partition);
        Log.RequestRateLimited(logger, caller.Tenant?.Id ?? "none", caller.Tenant?.Plan ?? "default", TenantRateLimiter.PoolName(caller.Pool), partition);
        return _problems.WriteAsync(context, TenancyProblem.RateLimited, retryAfter: retryAfter);
    }
}
