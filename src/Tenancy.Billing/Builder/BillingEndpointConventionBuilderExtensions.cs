using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Billing.Http;
using Tenancy.Billing.Plans;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Puts endpoints behind the tenant's quotas and plan features.</summary>
public static class BillingEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Consumes <paramref name="amount"/> units of <paramref name="meter"/> per request before the endpoint runs. A refusal
    /// is an RFC 9457 problem (429 + <c>Retry-After</c> for a meter that resets, 403 for a plan limit, 503 when the store is
    /// down on a fail-closed meter, see <see cref="BillingProblemTypes"/>); every answer carries <c>X-Quota-*</c> headers.
    /// Units are refunded when the endpoint throws or answers 5xx.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The endpoint(s).</param>
    /// <param name="meter">The meter (must be in the catalogue; checked when the endpoint is built).</param>
    /// <param name="amount">Units per request, at least 1.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireQuota<TBuilder>(this TBuilder builder, string meter, long amount = 1)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(meter);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        builder.AddEndpointFilterFactory((factory, next) =>
        {
            factory.ApplicationServices.GetRequiredService<IPlanCatalog>().GetMeter(meter); // unknown meter: fail when the endpoint is built
            var filter = new QuotaEndpointFilter(meter, amount);
            return context => filter.InvokeAsync(context, next);
        });
        return builder;
    }

    /// <summary>Lets requests through only when the tenant's plan enables <paramref name="feature"/>; otherwise 403 with a problem body. No I/O.</summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The endpoint(s).</param>
    /// <param name="feature">The feature name.</param>
    /// <returns>The builder.</returns>
    public static TBuilder RequireFeature<TBuilder>(this TBuilder builder, string feature)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(feature);
        var filter = new FeatureEndpointFilter(feature);
        builder.AddEndpointFilter(filter);
        return builder;
    }
}
