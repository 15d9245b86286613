using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tenancy.AspNetCore.Sso;
using Tenancy.EntityFramework.Platform;
using Tenancy.Members;
using Tenancy.Secrets;

namespace Tenancy.Sso.Tests.Infrastructure;

/// <summary>
/// The application under test on the test server: tenants from the host (<c>{tenant}.app.test</c>), the authenticated
/// claim and a header; cookie sign-in through each tenant's provider; per-tenant JWT bearer; members on SQLite.
/// Tenants: acme (issuer "acme"), globex (issuer "globex"), contoso (an Entra-style multi-tenant issuer), initech (suspended).
/// </summary>
public sealed class SsoApp : IAsyncDisposable
{
    public const string EntraTenantId = "7f0c2a4e-0000-4000-8000-00000000aaaa";

    private readonly SqliteConnection _keeper;

    private SsoApp(WebApplication app, TestIdentityProvider idp, SqliteConnection keeper)
    {
        App = app;
        Idp = idp;
        _keeper = keeper;
        Client = app.GetTestServer().CreateClient();
    }

    public WebApplication App { get; }

    public TestIdentityProvider Idp { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public TenantSsoService Sso => Services.GetRequiredService<TenantSsoService>();

    public TenantMembershipService Members => Services.GetRequiredService<TenantMembershipService>();

    public TenantSecretService Secrets => Services.GetRequiredService<TenantSecretService>();

    public static async Task<SsoApp> StartAsync(Action<IServiceCollection>? services = null)
    {
        var idp = await TestIdentityProvider.StartAsync();
        idp.AddIssuer("acme");
        idp.AddIssuer("globex");
        idp.AddIssuer("initech");
        idp.AddIssuer("entra", metadataIssuer: idp.BaseAddress + "/entra/{tenantid}/v2.0");

        var cs = $"Data Source=file:sso-{Guid.NewGuid():N}?mode=memory&cache=shared";
        var keeper = new SqliteConnection(cs);
        keeper.Open();

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication("Default")
            .AddPolicyScheme("Default", "Bearer or cookie", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? TenantJwtBearerDefaults.AuthenticationScheme
                    : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddTenantJwtBearer()
            .AddCookie(o => o.Events.OnRedirectToLogin = c => { c.Response.StatusCode = 401; return Task.CompletedTask; });
        builder.Services.AddAuthorization();
        builder.Services.AddTenancy(t => t
                .WithInMemoryStore(
                    new TenantInfo("t-acme", "acme", "Acme"),
                    new TenantInfo("t-globex", "globex", "Globex"),
                    new TenantInfo("t-contoso", "contoso", "Contoso"),
                    new TenantInfo("t-initech", "initech", "Initech") { Status = TenantStatus.Suspended })
                .FromHost("{tenant}.app.test")
                .FromClaim("tid")
                .FromHeader("X-Tenant")
                .AddMembers()
                .AddEntityFrameworkPlatformStores<SsoTestDbContext>()
                .AddTenantSso(o => { o.RequireHttpsMetadata = false; o.KeyRefreshMinimumInterval = TimeSpan.FromMinutes(5); })
                .AddTenantSecrets()
                .AddEntityFrameworkSsoStores<SsoTestDbContext>())
            .AddPooledTenantDbContextFactory<SsoTestDbContext>((_, db) => db.UseSqlite(cs));
        services?.Invoke(builder.Services);

        var app = builder.Build();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<SsoTestDbContext>>().CreateDbContextAsync();
            await db.Database.EnsureCreatedAsync();
        }

        app.UseAuthentication();
        app.UseRouting();
        app.UseTenancy();
        app.UseAuthorization();
        app.MapTenancySignIn();
        app.MapGet("/whoami", (HttpContext context, ICurrentTenant tenant) => Results.Json(new
        {
            tenant = tenant.Id,
            user = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? context.User.FindFirstValue("sub"),
            amr = context.User.FindFirstValue("amr"),
            roles = context.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray(),
            tids = context.User.FindAll("tid").Select(c => c.Value).ToArray(),
        })).RequireTenant().RequireAuthorization();
        app.MapGet("/public", () => Results.Ok("ok")).AllowWithoutTenant();
        await app.StartAsync();

        var sso = app.Services.GetRequiredService<TenantSsoService>();
        await app.Services.GetRequiredService<TenantSecretService>().SetAsync("t-acme", TenantSecretKind.OidcClientSecret, "oidc", idp["acme"].ClientSecret);
        await app.Services.GetRequiredService<TenantSecretService>().SetAsync("t-globex", TenantSecretKind.OidcClientSecret, "oidc", idp["globex"].ClientSecret);
        await sso.SaveAsync(Settings("t-acme", idp["acme"]));
        await sso.SaveAsync(Settings("t-globex", idp["globex"]));
        await sso.SaveAsync(Settings("t-initech", idp["initech"]) with { ClientSecretName = null });
        await sso.SaveAsync(new TenantSsoSettings
        {
            TenantId = "t-contoso",
            Issuer = idp.BaseAddress + "/entra/{tenantid}/v2.0",
            IssuerTenantId = EntraTenantId,
            MetadataAddress = idp["entra"].MetadataAddress,
            ClientId = "app",
        });
        return new SsoApp(app, idp, keeper);
    }

    public static TenantSsoSettings Settings(string tenantId, TestIssuer issuer) => new()
    {
        TenantId = tenantId,
        Issuer = issuer.Issuer,
        ClientId = issuer.ClientId,
        ClientSecretName = "oidc",
        Audiences = [issuer.ClientId, "api://" + tenantId],
    };

    public HttpRequestMessage Get(string url, string? bearer = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (bearer is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + bearer);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    public async Task<HttpStatusCode> StatusAsync(string url, string? bearer = null, params (string Name, string Value)[] headers)
    {
        using var response = await Client.SendAsync(Get(url, bearer, headers));
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Idp.DisposeAsync();
        await _keeper.DisposeAsync();
    }
}
