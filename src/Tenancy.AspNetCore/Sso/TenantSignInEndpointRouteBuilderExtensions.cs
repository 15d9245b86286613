using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.AspNetCore.Sso;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps OpenID Connect sign-in through each tenant's own provider.</summary>
public static class TenantSignInEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>GET {pattern}</c> (redirects to the request's tenant's provider; <c>?returnUrl=/local/path</c>) and
    /// <c>GET {pattern}/callback</c> (register <c>https://{tenant host}{pattern}/callback</c> as the redirect URI at the
    /// provider). Both need a tenant (resolve it from the host) and <c>AddTenantSso()</c>; the callback signs in to
    /// <see cref="TenantSsoOptions.SignInScheme"/>.
    /// </summary>
    /// <param name="endpoints">The endpoints.</param>
    /// <param name="pattern">The sign-in path. Default <c>/signin</c>.</param>
    /// <returns>The group of the two endpoints.</returns>
    public static RouteGroupBuilder MapTenancySignIn(this IEndpointRouteBuilder endpoints, string pattern = "/signin")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (!pattern.StartsWith('/') || pattern.Contains('{', StringComparison.Ordinal))
        {
            throw new ArgumentException("The sign-in pattern is a literal path starting with '/'.", nameof(pattern));
        }

        var callback = pattern.TrimEnd('/') + "/callback";
        var group = endpoints.MapGroup(pattern);
        group.MapGet("", (HttpContext context) => TenantSignInHandler.RunAsync(context, h => h.StartAsync(context, callback)));
        group.MapGet("/callback", (HttpContext context) => TenantSignInHandler.RunAsync(context, h => h.CallbackAsync(context)));
        group.RequireTenant().AllowAnonymous().DisableAntiforgery();
        return group;
    }
}
