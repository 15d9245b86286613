using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Tenancy;
using Tenancy.AspNetCore;
using Tenancy.AspNetCore.Builder;
using Tenancy.AspNetCore.Http;
using Tenancy.AspNetCore.RateLimiting;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds Tenancy's middleware to the request pipeline.</summary>
public static class TenancyApplicationBuilderExtensions
{
    /// <summary>
    /// Resolves each request's tenant and makes it current (<see cref="ICurrentTenant"/>) for the rest of the pipeline.
    /// Failures are answered with RFC 9457 problem details: 400 malformed identifier or missing tenant, 403 conflict
    /// with the authenticated tenant, 404 unknown tenant, 423 inactive tenant. Call it after <c>UseRouting()</c> (so
    /// endpoint metadata such as <c>AllowWithoutTenant()</c> is seen) and after <c>UseAuthentication()</c> (so the
    /// tenant claim is seen), before <c>UseAuthorization()</c>.
    /// </summary>
    /// <remarks>
    /// With the path strategy the tenant segment moves into <c>PathBase</c>. When routing already ran on the
    /// tenant-prefixed path, this method adds a routing step right after the middleware that matches the rebased path.
    /// </remarks>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IApplicationBuilder UseTenancy(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ApplicationServices;
        if (services.GetService<ITenantResolver>() is null)
        {
            throw new InvalidOperationException("Tenancy is not registered: call services.AddTenancy(…) before app.UseTenancy().");
        }

        var rebase = services.GetRequiredService<IOptions<TenancyHttpOptions>>().Value.RebasePathBase
            && services.GetServices<ITenantResolutionStrategy>().Any(static s => s is PathTenantStrategy);
        var reroute = rebase && EndpointRoutingAdapter.RoutingRunsBefore(app);
        app.UseMiddleware<TenantResolutionMiddleware>(new TenantRouting(reroute));
        if (reroute)
        {
            EndpointRoutingAdapter.UseRoutingAgain(app);
        }

        return app;
    }

    /// <summary>
    /// Applies the current tenant's rate limit (see <c>AddTenancyRateLimiter</c>): over the limit, the request is answered
    /// 429 with a problem details body and a <c>Retry-After</c> header. Call it after <see cref="UseTenancy"/>.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static IApplicationBuilder UseTenancyRateLimiter(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ApplicationServices.GetService<TenantRateLimiter>() is null)
        {
            throw new InvalidOperationException("The tenant rate limiter is not registered: call services.AddTenancyRateLimiter(…) before app.UseTenancyRateLimiter().");
        }

        return app.UseMiddleware<TenantRateLimitingMiddleware>();
    }
}
