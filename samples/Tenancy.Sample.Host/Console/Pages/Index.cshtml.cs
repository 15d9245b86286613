using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tenancy.Sample.Host.Auth;

namespace Tenancy.Sample.Host.Console.Pages;

/// <summary>The console's landing page: the tenants list for operators, the tenant's usage for its admins.</summary>
public sealed class IndexModel(ICurrentTenant current) : PageModel
{
    public IActionResult OnGet() => current.Tenant is null
        ? (User.IsInRole(SampleClaims.PlatformAdminRole) ? LocalRedirect("/admin/tenants") : Forbid())
        : LocalRedirect("/admin/usage");
}
