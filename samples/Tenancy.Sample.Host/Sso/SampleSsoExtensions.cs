using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Tenancy.Secrets;
using Tenancy.Sso;

namespace Tenancy.Sample.Host.Sso;

/// <summary>
/// The sample's per-tenant single sign-on: <c>builder.AddSampleSso()</c> and <c>app.MapSampleSso()</c>.
/// <list type="bullet">
/// <item><c>GET http://{tenant}.localhost:5000/signin</c> signs in through the tenant's own OpenID Connect provider into the
/// <c>Cookies</c> session (<c>amr = sso</c>); <c>GET /sso/me</c> shows that session.</item>
/// <item><c>Authorization: Bearer &lt;jwt&gt;</c> is validated against the tenant whose issuer signed it (scheme <c>Bearer</c>).</item>
/// <item>Providers, external logins and the encrypted client secrets live in App_Data/sso.db, with the Data Protection key ring.</item>
/// </list>
/// In Development, acme and globex each get a provider of the DEV-ONLY <see cref="DevIdentityProvider"/> at <c>/dev-idp/…</c>
/// (<c>Sample:Sso:*</c> in appsettings.json).
/// </summary>
public static class SampleSsoExtensions
{
    /// <summary>The bearer scheme the sample's policy scheme forwards <c>Authorization: Bearer …</c> to.</summary>
    public const string BearerScheme = "Bearer";

    private static readonly string[] DemoTenants = ["acme", "globex"];

    /// <summary>Registers SSO, tenant secrets and their EF stores.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static WebApplicationBuilder AddSampleSso(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var folder = Path.Combine(builder.Environment.ContentRootPath, "App_Data");
        Directory.CreateDirectory(folder);
        var connectionString = builder.Configuration.GetConnectionString("Sso") ?? $"Data Source={Path.Combine(folder, "sso.db")}";
        builder.Services.AddDbContextFactory<SampleSsoDb>(o => o.UseSqlite(connectionString));
        builder.Services.AddTenancy(t => t
            .AddTenantSso(o => o.RequireHttpsMetadata = !builder.Environment.IsDevelopment())
            .AddTenantSecrets()
            .AddEntityFrameworkSsoStores<SampleSsoDb>());

        // Every instance must share the key ring and the application name, or secrets stored by one do not decrypt on another.
        builder.Services.AddDataProtection().SetApplicationName("Tenancy.Sample").PersistKeysToDbContext<SampleSsoDb>();

        builder.Services.AddSingleton<Tenancy.Sample.Host.Auth.IPasswordSignInRule, SsoPasswordSignInRule>(); // SsoEnforced tenants refuse passwords
        var authentication = builder.Services.AddAuthentication().AddTenantJwtBearer(BearerScheme);
        if (!builder.Services.Any(d => d.ServiceType == typeof(CookieAuthenticationHandler)))
        {
            // The console's cookie session when it is there; otherwise a plain one for the SSO sign-in to write to.
            authentication.AddCookie(CookieAuthenticationDefaults.AuthenticationScheme, o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        }

        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddSingleton(new DevIdentityProvider(
                builder.Configuration["Sample:Sso:DevIdpAddress"] ?? "http://localhost:5000/dev-idp",
                builder.Configuration["Sample:Sso:ClientId"] ?? "sample-app",
                builder.Configuration["Sample:Sso:DevClientSecret"] ?? "dev-only-client-secret"));
        }

        return builder;
    }

    /// <summary>Creates the SSO tables, registers the demo tenants' providers (Development) and maps sign-in.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapSampleSso(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        using (var db = app.Services.GetRequiredService<IDbContextFactory<SampleSsoDb>>().CreateDbContext())
        {
            db.Database.EnsureCreated();
        }

        if (app.Services.GetService<DevIdentityProvider>() is { } idp)
        {
            idp.Map(app, DemoTenants.ToDictionary(t => t, t => "api://t-" + t));
            RegisterDemoProvidersAsync(app.Services, idp).GetAwaiter().GetResult();
        }

        app.MapTenancySignIn("/signin");
        app.MapGet("/sso/me", async (HttpContext context) =>
        {
            var session = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return session.Principal is { } user
                ? Results.Ok(new
                {
                    user = user.FindFirstValue(ClaimTypes.NameIdentifier),
                    name = user.Identity?.Name,
                    tenant = user.FindFirstValue("tid"),
                    amr = user.FindFirstValue("amr"),
                    roles = user.FindAll(ClaimTypes.Role).Select(c => c.Value),
                })
                : Results.Problem(statusCode: 401, title: "Not signed in", detail: "Sign in at http://{tenant}.localhost:5000/signin first.");
        }).AllowWithoutTenant().AllowAnonymous();
        return app;
    }

    private static async Task RegisterDemoProvidersAsync(IServiceProvider services, DevIdentityProvider idp)
    {
        var sso = services.GetRequiredService<TenantSsoService>();
        var secrets = services.GetRequiredService<TenantSecretService>();
        foreach (var name in DemoTenants)
        {
            var tenantId = "t-" + name;
            await secrets.SetAsync(tenantId, TenantSecretKind.OidcClientSecret, "oidc", idp.ClientSecret);
            await sso.SaveAsync(new TenantSsoSettings
            {
                TenantId = tenantId,
                Issuer = idp.IssuerOf(name),
                ClientId = idp.ClientId,
                ClientSecretName = "oidc",
                Audiences = ["api://" + tenantId],
            });
        }
    }
}
