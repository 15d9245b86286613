using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;

namespace Tenancy.Billing.Http;

/// <summary>
/// Consumes units before the endpoint runs; refuses with a problem when the quota says no; gives the units back when the
/// endpoint throws or answers 5xx (a failed operation is not charged).
/// </summary>
internal sealed class QuotaEndpointFilter(string meter, long amount) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var services = http.RequestServices;
        if (services.GetRequiredService<ICurrentTenant>().Tenant is not { } tenant)
        {
            return BillingProblems.Problem(StatusCodes.Status400BadRequest, BillingProblemTypes.TenantRequired, "Tenant required",
                "This endpoint counts usage per tenant and the request names no tenant.");
        }

        var guard = services.GetRequiredService<IQuotaGuard>();
        var now = services.GetRequiredService<TimeProvider>();
        QuotaResult result;
        try
        {
            result = await guard.TryConsumeAsync(tenant, meter, amount, http.RequestAborted);
        }
        catch (UnknownPlanException)
        {
            return BillingProblems.Problem(StatusCodes.Status403Forbidden, BillingProblemTypes.UnknownPlan, "Unknown plan",
                "The tenant's plan is not in the plan catalogue.");
        }

        BillingProblems.WriteHeaders(http.Response, result, now.GetUtcNow());
        if (!result.Granted)
        {
            return BillingProblems.Denied(http.Response, meter, result, now.GetUtcNow());
        }

        object? answer;
        try
        {
            answer = await next(context);
        }
        catch
        {
            await guard.RefundAsync(tenant, meter, amount, CancellationToken.None);
            throw;
        }

        if (http.Response.StatusCode >= 500 || answer is IStatusCodeHttpResult { StatusCode: >= 500 })
        {
            await guard.RefundAsync(tenant, meter, amount, CancellationToken.None);
        }

        return answer;
    }
}
