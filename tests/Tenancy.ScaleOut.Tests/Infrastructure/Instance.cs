using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tenancy.Events;
using Tenancy.Stores;

namespace Tenancy.ScaleOut.Tests.Infrastructure;

/// <summary>
/// One instance of a multi-instance application: a real ASP.NET Core host (test server) whose tenants live in the
/// shared PostgreSQL database, cached in process, resolved from the host (<c>{tenant}.example.test</c> or a custom
/// domain) or the <c>X-Tenant</c> header; <c>scaleOut</c> adds the backplane, caches and limits under test.
/// </summary>
internal sealed class Instance : IAsyncDisposable
{
    private Instance(WebApplication app)
    {
        App = app;
        Client = app.GetTestServer().CreateClient();
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => App.Services;

    public IWritableTenantStore Store => Services.GetRequiredService<IWritableTenantStore>();

    public ITenantChangeNotifier Notifier => Services.GetRequiredService<ITenantChangeNotifier>();

    public static async Task<Instance> StartAsync(
        ScaleOutDatabase database,
        Action<TenancyBuilder> scaleOut,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? pipeline = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders().SetMinimumLevel(LogLevel.Warning);
        var tenancy = builder.Services.AddTenancy(t => t
            .FromHost("{tenant}.example.test")
            .FromHeader("X-Tenant")
            .WithEntityFrameworkStore((_, db) => db.UseNpgsql(database.ConnectionString))
            .WithCaching(c => c.NegativeTimeToLive = TimeSpan.FromMinutes(5)));
        scaleOut(tenancy);
        services?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseRouting();
        app.UseTenancy();
        pipeline?.Invoke(app);
        app.MapGet("/whoami", (ICurrentTenant current) => Results.Text(current.Id)).RequireTenant();
        await app.StartAsync();
        return new Instance(app);
    }

    /// <summary>GET /whoami naming the tenant by header.</summary>
    public Task<HttpResponseMessage> AsTenantAsync(string identifier)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Add("X-Tenant", identifier);
        return Client.SendAsync(request);
    }

    /// <summary>GET /whoami on a host name (a tenant's custom domain).</summary>
    public Task<HttpResponseMessage> OnHostAsync(string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/whoami");
        request.Headers.Host = host;
        return Client.SendAsync(request);
    }

    public async Task<HttpStatusCode> StatusAsTenantAsync(string identifier)
    {
        using var response = await AsTenantAsync(identifier);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
