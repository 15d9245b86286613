using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Tenancy.AspNetCore.Metadata;

namespace Tenancy.Sample.Host.Auth;

/// <summary>
/// The sample's sign-in and the secure pattern for tenant data: <c>builder.AddSampleAuthentication()</c>,
/// <c>app.UseSampleAuthentication()</c> in place of <c>UseAuthentication()</c>, and <c>RequireTenantMember()</c> on the
/// endpoints that read or write tenant data.
/// </summary>
public static class SampleAuthenticationExtensions
{
    /// <summary>The policy: an authenticated user whose tenant claim is the request's tenant.</summary>
    public const string TenantMemberPolicy = "TenantMember";

    /// <summary>
    /// The default scheme: forwards to <see cref="DemoAuthenticationHandler.SchemeName"/> for <c>Authorization: Demo …</c>
    /// (and any other <c>Authorization</c> value, which it refuses), to <see cref="BearerScheme"/> for
    /// <c>Authorization: Bearer …</c> once that scheme is registered, otherwise to the cookie session of the console.
    /// </summary>
    public const string SelectorScheme = "Sample";

    /// <summary>The bearer scheme <c>Authorization: Bearer …</c> is forwarded to when registered (SSO adds it).</summary>
    public const string BearerScheme = "Bearer";

    /// <summary>Where the console's sign-in page is.</summary>
    public const string SignInPath = "/admin/signin";

    /// <summary>Registers the demo scheme, authorization and the <see cref="TenantMemberPolicy"/> policy.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddSampleAuthentication(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddProblemDetails();
        builder.Services
            .AddAuthentication(SelectorScheme)
            .AddPolicyScheme(SelectorScheme, "Demo, bearer or cookie", options => options.ForwardDefaultSelector = SelectScheme)
            .AddScheme<AuthenticationSchemeOptions, DemoAuthenticationHandler>(DemoAuthenticationHandler.SchemeName, null)
            .AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, ConfigureCookie);
        builder.Services.AddSingleton(_ => new SampleUserStore());
        builder.Services.AddSingleton<IPasswordHasher<SampleUser>, PasswordHasher<SampleUser>>();
        builder.Services.AddScoped<PasswordSignInService>();
        builder.Services.AddAuthorizationBuilder().AddPolicy(TenantMemberPolicy, policy => policy
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.Resource is HttpContext http
                && http.RequestServices.GetRequiredService<ICurrentTenant>().Id is { } tenantId
                && context.User.HasClaim(DemoAuthenticationHandler.TenantClaim, tenantId)));
        return builder;
    }

    /// <summary>Picks the scheme for a request (see <see cref="SelectorScheme"/>).</summary>
    private static string SelectScheme(HttpContext context)
    {
        var authorization = context.Request.Headers.Authorization;
        if (authorization.Count == 0)
        {
            // No credentials in a header: the browser session, if any. Requests without its cookie keep the demo
            // scheme's challenge (a 401 problem, never a redirect) outside the console.
            return context.Request.Path.StartsWithSegments("/admin") || context.Request.Cookies.ContainsKey(CookieName)
                ? CookieAuthenticationDefaults.AuthenticationScheme
                : DemoAuthenticationHandler.SchemeName;
        }

        if (authorization.Count == 1 && authorization[0] is { } value
            && value.StartsWith(BearerScheme + " ", StringComparison.OrdinalIgnoreCase)
            && context.RequestServices.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(BearerScheme).GetAwaiter().GetResult() is not null)
        {
            return BearerScheme;
        }

        // "Demo …", and anything else: the demo handler refuses what it does not understand (401, never anonymous).
        return DemoAuthenticationHandler.SchemeName;
    }

    /// <summary>The session cookie's name.</summary>
    public const string CookieName = ".Tenancy.Sample.Session";

    private static void ConfigureCookie(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Lax; // host-only: a session of acme.localhost is never sent to globex.localhost
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // the demo runs on http://*.localhost
        options.LoginPath = SignInPath;
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events.OnRedirectToLogin = context =>
        {
            // A page navigation goes to the sign-in page; anything else (a form post, a download) is a plain 401.
            if (HttpMethods.IsGet(context.Request.Method) && context.Request.Path.StartsWithSegments("/admin"))
            {
                context.Response.Redirect(context.RedirectUri);
                return Task.CompletedTask;
            }

            return WriteStatusAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Sign in required", "Sign in to the console first.");
        };
        options.Events.OnRedirectToAccessDenied = context =>
            WriteStatusAsync(context.HttpContext, StatusCodes.Status403Forbidden, "Not allowed", "The signed-in user may not use this page of this tenant's console.");
    }

    private static Task WriteStatusAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    /// <summary>
    /// Authenticates each request and answers 401 (problem details) when it carries credentials that fail — another
    /// scheme, a malformed or empty value, an unknown tenant — instead of letting it through as an anonymous request
    /// whose header picks the tenant. Call it after <c>UseRouting()</c>: endpoints marked <c>AllowWithoutTenant()</c>
    /// resolve no tenant and check their own credentials (SCIM bearer tokens), so they are left to do so.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static IApplicationBuilder UseSampleAuthentication(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAuthentication();
        return app.Use(async (context, next) =>
        {
            if (context.Request.Headers.ContainsKey("Authorization")
                && context.User.Identity?.IsAuthenticated != true
                && context.GetEndpoint()?.Metadata.GetMetadata<ITenantEndpointMetadata>()?.Requirement != TenantRequirement.AllowWithoutTenant
                && (await context.AuthenticateAsync(DemoAuthenticationHandler.SchemeName)).Failure is { } failure)
            {
                // The failure messages are the handler's fixed texts, never request input.
                var properties = new AuthenticationProperties();
                properties.Items[DemoAuthenticationHandler.FailureItem] = failure.Message;
                await context.ChallengeAsync(DemoAuthenticationHandler.SchemeName, properties);
                return;
            }

            await next(context);
        });
    }

    /// <summary>
    /// Requires an authenticated member of the request's tenant (<see cref="TenantMemberPolicy"/>) on every endpoint of
    /// <paramref name="builder"/> that runs with a tenant; endpoints marked <c>AllowWithoutTenant()</c> (signature-checked
    /// presigned URLs) are left as they are.
    /// </summary>
    /// <typeparam name="TBuilder">The builder type.</typeparam>
    /// <param name="builder">The endpoints or group.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder RequireTenantMember<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Finally(endpoint =>
        {
            var requirement = endpoint.Metadata.OfType<ITenantEndpointMetadata>().LastOrDefault()?.Requirement;
            if (requirement != TenantRequirement.AllowWithoutTenant)
            {
                endpoint.Metadata.Add(new AuthorizeAttribute(TenantMemberPolicy));
            }
        });
        return builder;
    }
}
