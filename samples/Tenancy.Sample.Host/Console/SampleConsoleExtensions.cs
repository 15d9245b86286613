using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Tenancy.AspNetCore.Metadata;
using Tenancy.Members;
using Tenancy.Sample.Host.Auth;

namespace Tenancy.Sample.Host.Console;

/// <summary>
/// The admin console (Razor Pages under <c>Console/Pages</c>): <c>builder.AddSampleConsole()</c> and
/// <c>app.MapSampleConsole()</c>. On the root host (<c>http://localhost:5000/admin</c>) platform operators list, onboard,
/// suspend, reactivate, export and offboard tenants; on a tenant's subdomain (<c>http://acme.localhost:5000/admin</c>)
/// the tenant's owners and admins manage members, invitations, API keys, SCIM, and see usage and the audit log — of
/// that tenant only. Sign-in is the cookie session of <see cref="SampleAuthenticationExtensions"/>.
/// </summary>
public static class SampleConsoleExtensions
{
    /// <summary>Registers Razor Pages, the console's policies and its services.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddSampleConsole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorPages(options =>
        {
            options.RootDirectory = "/Console/Pages";
            options.Conventions.AuthorizeFolder("/Platform", ConsolePolicies.PlatformAdmin);
            options.Conventions.AuthorizeFolder("/Tenant", ConsolePolicies.TenantAdmin);
            options.Conventions.AuthorizePage("/Index", ConsolePolicies.SignedIn);
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = ".Tenancy.Sample.Antiforgery";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.FormFieldName = "__csrf";
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(ConsolePolicies.SignedIn, policy => policy
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(ConsolePolicies.PlatformAdmin, policy => policy
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireRole(SampleClaims.PlatformAdminRole)
                .RequireAssertion(context => !context.User.HasClaim(c => c.Type == SampleClaims.TenantId)))
            .AddPolicy(ConsolePolicies.TenantAdmin, policy => policy
                .AddAuthenticationSchemes(CookieAuthenticationDefaults.AuthenticationScheme)
                .RequireAssertion(context => context.Resource is HttpContext http
                    && http.RequestServices.GetRequiredService<ICurrentTenant>().Id is { } tenantId
                    && context.User.HasClaim(SampleClaims.TenantId, tenantId))
                .RequireTenantRole(TenantRoles.Owner, TenantRoles.Admin)); // live from the member store, not the cookie
        builder.Services.AddSingleton<OffboardingTracker>();
        return builder;
    }

    /// <summary>Seeds the demo members and usage history, and maps the console's pages.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapSampleConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Configuration.GetValue("Sample:Console:SeedDemoData", true))
        {
            ConsoleDemoData.SeedAsync(app.Services, CancellationToken.None).GetAwaiter().GetResult();
        }

        // The root host has no tenant (platform console); a subdomain names one (tenant console).
        app.MapRazorPages().WithTenantRequirement(TenantRequirement.Optional);
        return app;
    }
}
