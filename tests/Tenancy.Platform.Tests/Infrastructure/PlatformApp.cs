using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Tenancy.ApiKeys;
using Tenancy.AspNetCore.ApiKeys;
using Tenancy.Audit;
using Tenancy.EntityFramework.Platform;
using Tenancy.Members;

namespace Tenancy.Platform.Tests.Infrastructure;

/// <summary>A real ASP.NET Core app on the test server: API keys or X-User sign-in, claim-then-header tenant resolution, platform services on a real database.</summary>
public sealed class PlatformApp : IAsyncDisposable
{
    private PlatformApp(WebApplication app, PlatformDatabase database, FakeTimeProvider time)
    {
        App = app;
        Database = database;
        Time = time;
        Client = app.GetTestServer().CreateClient();
    }

    public WebApplication App { get; }

    public PlatformDatabase Database { get; }

    public FakeTimeProvider Time { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public TenantApiKeyService Keys => Services.GetRequiredService<TenantApiKeyService>();

    public TenantMembershipService Members => Services.GetRequiredService<TenantMembershipService>();

    public IAuditLog Audit => Services.GetRequiredService<IAuditLog>();

    public static async Task<PlatformApp> StartAsync(PlatformDatabase? database = null, Action<IServiceCollection>? services = null, Action<WebApplication>? endpoints = null)
    {
        database ??= PlatformDatabase.Sqlite();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddProblemDetails();
        builder.Services.AddAuthentication("Platform")
            .AddPolicyScheme("Platform", "API key or user", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.Authorization.ToString().StartsWith("ApiKey ", StringComparison.OrdinalIgnoreCase) || context.Request.Headers.ContainsKey("X-Api-Key")
                    ? TenantApiKeyDefaults.AuthenticationScheme
                    : UserHeaderAuthenticationHandler.SchemeName)
            .AddTenantApiKeys()
            .AddScheme<AuthenticationSchemeOptions, UserHeaderAuthenticationHandler>(UserHeaderAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddTenancy(t => t
                .WithInMemoryStore([.. Tenants.All, new TenantInfo("initech", "initech", "Initech") { Status = TenantStatus.Suspended }])
                .FromClaim("tid")
                .FromHeader("X-Tenant")
                .AddApiKeys()
                .AddMembers()
                .AddHttpAuditLog()
                .AddIdempotency()
                .AddEntityFrameworkPlatformStores<TenancyPlatformDbContext>())
            .AddPooledTenantDbContextFactory<TenancyPlatformDbContext>(database.Configure, database.IsPostgres ? t => t.UseRowLevelSecurity() : null);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseRouting();
        app.UseTenancy();
        app.UseAuthorization();
        app.UseTenancyIdempotency();
        app.MapGet("/whoami", (HttpContext context, ICurrentTenant tenant) => Results.Json(new { tenant = tenant.Id, user = context.User.FindFirstValue(ClaimTypes.NameIdentifier) }));
        app.MapGet("/secure", (ICurrentTenant tenant) => Results.Json(new { tenant = tenant.Id })).RequireAuthorization();
        app.MapGet("/admin", (ICurrentTenant tenant) => Results.Json(new { tenant = tenant.Id })).RequireTenantRole(TenantRoles.Owner, TenantRoles.Admin);
        app.MapGet("/data", (ICurrentTenant tenant) => Results.Json(new { tenant = tenant.Id })).RequireTenantPermission(TenantPermissions.DataRead);
        endpoints?.Invoke(app);
        await app.StartAsync();
        return new PlatformApp(app, database, time);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
