using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Tenancy.Sample.Host.Console.Pages.Tenant;

/// <summary>
/// The base of the tenant console's pages. The tenant is always the request's (its subdomain, which the session's
/// <c>tid</c> claim must match — the <c>Console.TenantAdmin</c> policy); no page takes a tenant id from a form or query.
/// </summary>
public abstract class TenantConsolePage(ICurrentTenant current) : PageModel
{
    /// <summary>The request's tenant.</summary>
    public TenantInfo Tenant => current.GetRequiredTenant();

    /// <summary>The signed-in user's id (the audit log's actor).</summary>
    protected string ActorId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "unknown";

    /// <summary>A message for the user after a change.</summary>
    public string? Notice { get; protected set; }

    /// <summary>Why a change was refused.</summary>
    public string? Error { get; protected set; }

    /// <summary>Renders the page with <paramref name="error"/> and a 4xx status.</summary>
    /// <param name="status">The status code (400, 404, 409…).</param>
    /// <param name="error">The message.</param>
    /// <returns>The page.</returns>
    protected PageResult Refuse(int status, string error)
    {
        Error = error;
        Response.StatusCode = status;
        return Page();
    }
}
