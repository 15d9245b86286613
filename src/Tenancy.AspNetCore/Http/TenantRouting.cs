namespace Tenancy.AspNetCore.Http;

/// <summary>Whether <c>UseTenancy()</c> added a routing step after the middleware that matches a rebased path again.</summary>
/// <param name="Reroute">Whether the routing step exists.</param>
internal sealed record TenantRouting(bool Reroute);
