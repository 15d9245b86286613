using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Tenancy.Resolution;

namespace Tenancy.AspNetCore.Http;

/// <summary>
/// Reads an <see cref="HttpContext"/> for resolution strategies. Stateless: one <see cref="Instance"/> serves every
/// request, so a <see cref="TenantRequestView"/> over an <see cref="HttpContext"/> allocates nothing. The query string
/// is parsed only when a strategy asks for a parameter.
/// </summary>
internal sealed class HttpContextTenantRequestReader : ITenantRequestReader
{
    private HttpContextTenantRequestReader()
    {
    }

    /// <summary>The shared instance.</summary>
    public static HttpContextTenantRequestReader Instance { get; } = new();

    /// <summary>Creates the view that strategies read for <paramref name="context"/>.</summary>
    /// <param name="context">The HTTP context.</param>
    /// <returns>The view.</returns>
    public static TenantRequestView CreateView(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new TenantRequestView(Instance, context);
    }

    /// <inheritdoc />
    public ReadOnlySpan<char> GetHost(object state) => Context(state).Request.Host.Value;

    /// <inheritdoc />
    public ReadOnlySpan<char> GetPath(object state) => Context(state).Request.Path.Value;

    /// <inheritdoc />
    public StringValues GetHeader(object state, string name) => Context(state).Request.Headers[name];

    /// <inheritdoc />
    public StringValues GetQuery(object state, string name) => Context(state).Request.Query[name];

    /// <inheritdoc />
    public ClaimsPrincipal? GetUser(object state) => Context(state).User;

    private static HttpContext Context(object state) =>
        state as HttpContext ?? throw new ArgumentException($"{nameof(HttpContextTenantRequestReader)} reads an {nameof(HttpContext)}.", nameof(state));
}
