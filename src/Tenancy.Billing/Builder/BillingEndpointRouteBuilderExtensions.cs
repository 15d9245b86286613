using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.AspNetCore.Metadata;
using Tenancy.Billing.Http;
using Tenancy.Billing.Payments;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Tenancy.Billing's HTTP endpoints.</summary>
public static class BillingEndpointRouteBuilderExtensions
{
    /// <summary>The largest webhook body accepted.</summary>
    private const int MaxBody = 512 * 1024;

    /// <summary>
    /// Maps the Stripe webhook endpoint (POST). Every delivery is verified with Stripe.net against the signing secret
    /// and the timestamp tolerance (400 problem otherwise), processed at most once (redeliveries answer 200), and answered
    /// 200 for event types it does not handle. The endpoint needs no tenant: the event names it.
    /// </summary>
    /// <param name="endpoints">The route builder.</param>
    /// <param name="pattern">The route, for example <c>/billing/stripe/webhook</c>.</param>
    /// <returns>The endpoint's convention builder.</returns>
    public static RouteHandlerBuilder MapStripeWebhooks(this IEndpointRouteBuilder endpoints, string pattern)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<StripeWebhookProcessor>() is null)
        {
            throw new InvalidOperationException("MapStripeWebhooks needs AddTenancyBilling(b => b.UseStripe(…)).");
        }

        return endpoints.MapPost(pattern, HandleAsync)
            .WithMetadata(new AllowWithoutTenantAttribute())
            .DisableAntiforgery()
            .WithName("TenancyStripeWebhook");
    }

    private static async Task<IResult> HandleAsync(HttpContext context, StripeWebhookProcessor processor)
    {
        if (context.Request.ContentLength is > MaxBody)
        {
            return BillingProblems.Problem(StatusCodes.Status413PayloadTooLarge, "urn:tenancy:problem:billing-webhook-too-large", "Payload too large", "The webhook body is too large.");
        }

        string json;
        using (var reader = new StreamReader(context.Request.Body, System.Text.Encoding.UTF8))
        {
            var buffer = new char[MaxBody + 1];
            var read = await reader.ReadBlockAsync(buffer, context.RequestAborted);
            if (read > MaxBody)
            {
                return BillingProblems.Problem(StatusCodes.Status413PayloadTooLarge, "urn:tenancy:problem:billing-webhook-too-large", "Payload too large", "The webhook body is too large.");
            }

            json = new string(buffer, 0, read);
        }

        var outcome = await processor.ProcessAsync(json, context.Request.Headers["Stripe-Signature"].ToString(), context.RequestAborted);
        return outcome == WebhookOutcome.Rejected
            ? BillingProblems.Problem(StatusCodes.Status400BadRequest, "urn:tenancy:problem:billing-webhook-invalid", "Invalid webhook",
                "The Stripe-Signature header does not verify against the payload, or its timestamp is outside the tolerance.")
            : TypedResults.Ok(new { received = true, outcome = outcome.ToString().ToLowerInvariant() });
    }
}
