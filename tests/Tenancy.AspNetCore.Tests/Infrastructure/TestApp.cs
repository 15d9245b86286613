using System.Net.Http.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tenancy.AspNetCore.Tests.Infrastructure;

/// <summary>A real ASP.NET Core application on the test server, with Tenancy, a test auth scheme and a log collector.</summary>
public sealed class TestApp : IAsyncDisposable
{
    private TestApp(WebApplication app, LogCollector logs)
    {
        App = app;
        Logs = logs;
        Server = app.GetTestServer();
        Client = Server.CreateClient();
    }

    public WebApplication App { get; }

    public TestServer Server { get; }

    public HttpClient Client { get; }

    public LogCollector Logs { get; }

    public IServiceProvider Services => App.Services;

    /// <summary>
    /// Starts an app. <paramref name="tenancy"/> picks strategies (the store is seeded with <see cref="Tenants.All"/>);
    /// <paramref name="pipeline"/> replaces the default pipeline (routing, authentication, tenancy, authorization);
    /// <paramref name="endpoints"/> adds endpoints besides <c>/whoami</c>.
    /// </summary>
    public static async Task<TestApp> StartAsync(
        Action<TenancyBuilder> tenancy,
        Action<IServiceCollection>? services = null,
        Action<WebApplication>? pipeline = null,
        Action<WebApplication>? endpoints = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var logs = new LogCollector();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Debug);
        builder.Services.AddAuthentication(TestAuthHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TestAuthHandler>(TestAuthHandler.SchemeName, _ => { });
        builder.Services.AddAuthorization();
        builder.Services.AddTenancy(t =>
        {
            t.WithInMemoryStore(Tenants.All);
            tenancy(t);
        });
        services?.Invoke(builder.Services);

        var app = builder.Build();
        if (pipeline is null)
        {
            app.UseRouting();
            app.UseAuthentication();
            app.UseTenancy();
            app.UseAuthorization();
        }
        else
        {
            pipeline(app);
        }

        app.MapGet("/whoami", WhoAmI);
        endpoints?.Invoke(app);
        await app.StartAsync();
        return new TestApp(app, logs);
    }

    /// <summary>What an endpoint saw: the current tenant, the path base and the path.</summary>
    public static IResult WhoAmI(HttpContext context, ICurrentTenant current) =>
        Results.Json(new WhoAmIResponse(current.Id, context.Request.PathBase.Value ?? string.Empty, context.Request.Path.Value ?? string.Empty));

    public async Task<HttpResponseMessage> GetAsync(string url, params (string Name, string Value)[] headers)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        foreach (var (name, value) in headers)
        {
            if (string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.Host = value;
            }
            else
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await Client.SendAsync(request);
    }

    public async Task<WhoAmIResponse> WhoAmIAsync(string url, params (string Name, string Value)[] headers)
    {
        using var response = await GetAsync(url, headers);
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<WhoAmIResponse>())!;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
