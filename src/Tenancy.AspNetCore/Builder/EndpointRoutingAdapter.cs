using Microsoft.AspNetCore.Builder;

namespace Tenancy.AspNetCore.Builder;

/// <summary>
/// The one place that knows how <c>UseRouting()</c> keeps its state, so that <c>UseTenancy()</c> can match routes again
/// after the path strategy moved the tenant segment into <c>PathBase</c>.
/// </summary>
/// <remarks>
/// Why the coupling stays: <c>UseTenancy()</c> needs an endpoint before it runs (to read <c>RequireTenant</c>/
/// <c>AllowWithoutTenant</c> metadata), and the path strategy needs routing after it (to match the rebased path), and a
/// <c>WebApplication</c> inserts its own <c>UseRouting()</c> at the start of the pipeline unless the app calls it — so no
/// ordering rule covers both. <c>UseRouting()</c> shares one route builder between its calls through two private
/// <see cref="IApplicationBuilder.Properties"/> keys (<c>EndpointRoutingApplicationBuilderExtensions</c>):
/// <c>__EndpointRouteBuilder</c> (set by <c>UseRouting()</c>) and <c>__GlobalEndpointRouteBuilder</c> (set by
/// <c>WebApplication</c>). Verified with Microsoft.AspNetCore.App 10.0.12;
/// <c>EndpointRoutingAdapterTests</c> in Tenancy.AspNetCore.Tests fails when a version stops behaving this way.
/// </remarks>
internal static class EndpointRoutingAdapter
{
    internal const string EndpointRouteBuilderKey = "__EndpointRouteBuilder";
    internal const string GlobalEndpointRouteBuilderKey = "__GlobalEndpointRouteBuilder";

    /// <summary>Whether a routing step was already added to <paramref name="app"/> (by the app or by <c>WebApplication</c>).</summary>
    public static bool RoutingRunsBefore(IApplicationBuilder app) =>
        app.Properties.ContainsKey(GlobalEndpointRouteBuilderKey)
        || (app.Properties.TryGetValue(EndpointRouteBuilderKey, out var builder) && builder is not null);

    /// <summary>
    /// Adds a routing step that matches again when the middleware cleared the endpoint, sharing the route builder of the
    /// routing that ran before (so its endpoints are found) and leaving the builder's bookkeeping as it was (so a
    /// <c>WebApplication</c> still adds its own routing at the start).
    /// </summary>
    public static void UseRoutingAgain(IApplicationBuilder app)
    {
        var hadLocal = app.Properties.TryGetValue(EndpointRouteBuilderKey, out var local);
        var hadGlobal = app.Properties.ContainsKey(GlobalEndpointRouteBuilderKey);
        if (!hadGlobal)
        {
            app.Properties[GlobalEndpointRouteBuilderKey] = local;
        }

        app.UseRouting();

        if (hadLocal)
        {
            app.Properties[EndpointRouteBuilderKey] = local;
        }
        else
        {
            app.Properties.Remove(EndpointRouteBuilderKey);
        }

        if (!hadGlobal)
        {
            app.Properties.Remove(GlobalEndpointRouteBuilderKey);
        }
    }
}
