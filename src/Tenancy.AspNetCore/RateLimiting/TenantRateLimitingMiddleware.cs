using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Tenancy.AspNetCore.Problems;

namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>Applies the current tenant's rate limit; requests without a tenant pass. Added by <c>app.UseTenantRateLimiter()</c>.</summary>
internal sealed partial class TenantRateLimitingMiddleware(
    RequestDelegate next,
    TenantRateLimiter limiter,
    ICurrentTenant currentTenant,
    ILogger<TenantRateLimitingMiddleware> logger,
    IProblemDetailsService? problemDetails = null)
{
    private readonly TenancyProblemWriter _problems = new(problemDetails);

    public async Task InvokeAsync(HttpContext context)
    {
        var tenant = currentTenant.Tenant;
        if (tenant is null)
        {
            await next(context);
            return;
        }

        RateLimitLease lease;
        try
        {
            lease = await limiter.AcquireAsync(tenant, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }

        using (lease)
        {
            if (lease.IsAcquired)
            {
                await next(context);
                return;
            }

            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : limiter.DefaultRetryAfter;
            limiter.RecordRejection(tenant);
            LogRejected(logger, tenant.Id, tenant.Plan ?? "default");
            await _problems.WriteAsync(context, TenancyProblem.RateLimited, retryAfter: retryAfter);
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Request of tenant {TenantId} (plan {Plan}) refused by the rate limiter.")]
    private static partial void LogRejected(ILogger logger, string tenantId, string plan);
}
