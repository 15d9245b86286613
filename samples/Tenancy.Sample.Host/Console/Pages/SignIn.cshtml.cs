using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tenancy.Sample.Host.Auth;

namespace Tenancy.Sample.Host.Console.Pages;

/// <summary>Password sign-in: to the platform console on the root host, to the tenant's console on its subdomain.</summary>
public sealed class SignInModel(ICurrentTenant current, PasswordSignInService signIn) : PageModel
{
    /// <summary>The tenant signed in to, or <see langword="null"/> on the root host.</summary>
    public string? TenantName => current.Tenant?.Name;

    /// <summary>Why the last attempt failed.</summary>
    public string? Error { get; private set; }

    /// <summary>The e-mail typed (kept on failure).</summary>
    public string? Email { get; private set; }

    /// <summary>Where to go after signing in (local URLs only).</summary>
    public string? ReturnUrl { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = returnUrl;

    public async Task<IActionResult> OnPostAsync(string? email, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        Email = email;
        ReturnUrl = returnUrl;
        var result = await signIn.SignInAsync(HttpContext, current.Tenant, email, password, cancellationToken);
        if (!result.Succeeded)
        {
            Error = result.Error;
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/admin", StringComparison.Ordinal) ? returnUrl : "/admin");
    }
}
