using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Billing.Features;
using Tenancy.Billing.Plans;

namespace Tenancy.Billing.Http;

/// <summary>Lets the request through only when the tenant's plan enables the feature (an in-memory set lookup).</summary>
internal sealed class FeatureEndpointFilter(string feature) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var services = context.HttpContext.RequestServices;
        if (services.GetRequiredService<ICurrentTenant>().Tenant is not { } tenant)
        {
            return new(BillingProblems.Problem(StatusCodes.Status400BadRequest, BillingProblemTypes.TenantRequired, "Tenant required",
                "This endpoint depends on the tenant's plan and the request names no tenant."));
        }

        bool enabled;
        try
        {
            enabled = services.GetRequiredService<IFeatureGate>().IsEnabled(tenant, feature);
        }
        catch (UnknownPlanException)
        {
            return new(BillingProblems.Problem(StatusCodes.Status403Forbidden, BillingProblemTypes.UnknownPlan, "Unknown plan",
                "The tenant's plan is not in the plan catalogue."));
        }

        if (!enabled)
        {
            var problem = BillingProblems.Problem(StatusCodes.Status403Forbidden, BillingProblemTypes.NotInPlan, "Not in plan",
                "The tenant's plan does not include this feature.");
            problem.ProblemDetails.Extensions["feature"] = feature;
            return new(problem);
        }

        return next(context);
    }
}
