using System.Globalization;
using Tenancy.Billing.Http;
using Tenancy.Billing.Quotas;

namespace Tenancy.Sample.Host.Billing;

/// <summary>
/// Counts every tenant request (but the admin console's and health checks) against <c>api-requests</c>, and checks <c>projects</c> on <c>POST /projects</c> and
/// <c>storage-bytes</c> on <c>PUT /files/…</c> before the sample's own endpoints run (they live in other folders; an
/// application of its own would put <c>.RequireQuota(…)</c> on those endpoints instead).
/// </summary>
public sealed class SampleQuotaMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context, ICurrentTenant current, IQuotaGuard quotas, TimeProvider time)
    {
        if (current.Tenant is not { } tenant || context.Request.Path.StartsWithSegments("/health") || context.Request.Path.StartsWithSegments("/admin"))
        {
            await next(context);
            return;
        }

        var request = context.Request;
        var checks = new List<(string Meter, long Amount)> { ("api-requests", 1) };
        if (HttpMethods.IsPost(request.Method) && request.Path.Equals("/projects", StringComparison.OrdinalIgnoreCase))
        {
            checks.Add(("projects", 1));
        }
        else if (HttpMethods.IsPut(request.Method) && request.Path.StartsWithSegments("/files") && request.ContentLength is > 0 and var length)
        {
            checks.Add(("storage-bytes", length));
        }

        foreach (var (meter, amount) in checks)
        {
            var result = await quotas.TryConsumeAsync(tenant, meter, amount, context.RequestAborted);
            if (meter == "api-requests")
            {
                context.Response.Headers[QuotaHeaders.Limit] = result.Limit.ToString(CultureInfo.InvariantCulture);
                context.Response.Headers[QuotaHeaders.Remaining] = result.Remaining.ToString(CultureInfo.InvariantCulture);
            }

            if (!result.Granted)
            {
                var rate = result.PeriodEnd is { } end && !result.IsGauge;
                if (rate)
                {
                    context.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling((result.PeriodEnd!.Value - time.GetUtcNow()).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                }

                await Results.Problem(
                    statusCode: rate ? StatusCodes.Status429TooManyRequests : StatusCodes.Status403Forbidden,
                    type: rate ? BillingProblemTypes.QuotaExceeded : BillingProblemTypes.PlanLimitReached,
                    title: rate ? "Quota exceeded" : "Plan limit reached",
                    detail: $"The {tenant.Plan ?? "default"} plan allows {result.Limit} of '{meter}'; {result.Used} used.",
                    extensions: new Dictionary<string, object?> { ["meter"] = meter }).ExecuteAsync(context);
                return;
            }
        }

        await next(context);
    }
}
