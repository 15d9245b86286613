using System.Security.Claims;
using Microsoft.Extensions.Primitives;

namespace Tenancy.Resolution;

/// <summary>
/// Reads the parts of an incoming request that strategies look at, from a transport-specific state object
/// (an <c>HttpContext</c>, a message envelope …). Implementations are stateless singletons, so that a
/// <see cref="TenantRequestView"/> costs no allocation.
/// </summary>
public interface ITenantRequestReader
{
    /// <summary>The host, possibly with a port (<c>acme.example.com:8443</c>); empty when the transport has none.</summary>
    /// <param name="state">The transport's request object.</param>
    /// <returns>The host.</returns>
    ReadOnlySpan<char> GetHost(object state);

    /// <summary>The path, starting with <c>/</c>, without query string; empty when the transport has none.</summary>
    /// <param name="state">The transport's request object.</param>
    /// <returns>The path.</returns>
    ReadOnlySpan<char> GetPath(object state);

    /// <summary>The values of a header (empty when absent).</summary>
    /// <param name="state">The transport's request object.</param>
    /// <param name="name">The header name (case-insensitive).</param>
    /// <returns>The values.</returns>
    StringValues GetHeader(object state, string name);

    /// <summary>The values of a query-string parameter (empty when absent).</summary>
    /// <param name="state">The transport's request object.</param>
    /// <param name="name">The parameter name.</param>
    /// <returns>The values.</returns>
    StringValues GetQuery(object state, string name);

    /// <summary>The principal, when the transport authenticates.</summary>
    /// <param name="state">The transport's request object.</param>
    /// <returns>The principal, or <see langword="null"/>.</returns>
    ClaimsPrincipal? GetUser(object state);
}
