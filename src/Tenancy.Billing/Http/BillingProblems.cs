using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;

namespace Tenancy.Billing.Http;

/// <summary>Builds the problem results and quota headers of the billing endpoint filters.</summary>
internal static class BillingProblems
{
    public static void WriteHeaders(HttpResponse response, in QuotaResult result, DateTimeOffset now)
    {
        if (result.Limit == long.MaxValue || result.Reason == QuotaDenialReason.NotInPlan)
        {
            return;
        }

        var headers = response.Headers;
        headers[QuotaHeaders.Limit] = result.Limit.ToString(CultureInfo.InvariantCulture);
        headers[QuotaHeaders.Remaining] = result.Remaining.ToString(CultureInfo.InvariantCulture);
        if (result.PeriodEnd is { } end)
        {
            headers[QuotaHeaders.Reset] = Seconds(end - now);
        }
    }

    public static ProblemHttpResult Denied(HttpResponse response, string meter, in QuotaResult result, DateTimeOffset now)
    {
        response.Headers.CacheControl = "no-store";
        switch (result.Reason)
        {
            case QuotaDenialReason.StoreUnavailable:
                response.Headers.RetryAfter = "1";
                return Problem(StatusCodes.Status503ServiceUnavailable, BillingProblemTypes.QuotaStoreUnavailable, "Quota store unavailable",
                    "Usage cannot be checked right now; try again shortly.", meter);
            case QuotaDenialReason.NotInPlan:
                return Problem(StatusCodes.Status403Forbidden, BillingProblemTypes.NotInPlan, "Not in plan",
                    "The tenant's plan does not include this meter.", meter);
            case QuotaDenialReason.LimitReached when !result.IsGauge && result.Reset != ResetPeriod.Never && result.PeriodEnd is { } end:
                response.Headers.RetryAfter = Seconds(end - now);
                return Problem(StatusCodes.Status429TooManyRequests, BillingProblemTypes.QuotaExceeded, "Quota exceeded",
                    "The tenant has used its allowance of this meter for the current period.", meter, result);
            default:
                return Problem(StatusCodes.Status403Forbidden, BillingProblemTypes.PlanLimitReached, "Plan limit reached",
                    "The request would pass the tenant's plan limit; upgrade the plan or free some usage.", meter, result);
        }
    }

    public static ProblemHttpResult Problem(int status, string type, string title, string detail, string? meter = null, QuotaResult? result = null)
    {
        var problem = new ProblemDetails { Status = status, Type = type, Title = title, Detail = detail };
        if (meter is not null)
        {
            problem.Extensions["meter"] = meter;
        }

        if (result is { } r)
        {
            problem.Extensions["limit"] = r.Limit;
            problem.Extensions["used"] = r.Used;
            if (r.PeriodEnd is { } end)
            {
                problem.Extensions["periodEnd"] = end;
            }
        }

        return TypedResults.Problem(problem);
    }

    private static string Seconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
