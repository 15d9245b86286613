using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Scim.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the SCIM endpoints.</summary>
public static class ScimEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps the SCIM 2.0 endpoints under <paramref name="prefix"/>: <c>/Users</c>, <c>/Groups</c>,
    /// <c>/ServiceProviderConfig</c>, <c>/ResourceTypes</c>, <c>/Schemas</c>. The tenant comes from the SCIM bearer token
    /// only — the host's resolution (host, header, claim) is skipped on these endpoints, so nothing in the request can
    /// change it. Every response is <c>application/scim+json</c>.
    /// </summary>
    /// <param name="endpoints">The endpoint route builder.</param>
    /// <param name="prefix">The base path, e.g. <c>/scim/v2</c>.</param>
    /// <returns>The endpoint convention builder of the SCIM endpoints.</returns>
    public static IEndpointConventionBuilder MapScim(this IEndpointRouteBuilder endpoints, string prefix = "/scim/v2")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
        if (endpoints.ServiceProvider.GetService<ScimRateLimiter>() is null)
        {
            throw new InvalidOperationException("SCIM is not registered: call services.AddTenancy(…).AddTenancyScim(scim => scim.UseEntityFrameworkStore<TContext>()) before app.MapScim().");
        }

        var normalized = "/" + prefix.Trim('/');
        return endpoints.Map(normalized + "/{**path}", (HttpContext context) =>
                context.RequestServices.GetRequiredService<ScimRequestProcessor>().HandleAsync(context, normalized))
            .AllowWithoutTenant()
            .WithDisplayName("SCIM 2.0")
            .ExcludeFromDescription();
    }
}
