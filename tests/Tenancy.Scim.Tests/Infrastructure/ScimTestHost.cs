using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tenancy.Scim.Credentials;
using Tenancy.Scim.Events;

namespace Tenancy.Scim.Tests.Infrastructure;

/// <summary>A real ASP.NET Core host with Tenancy and SCIM on a fresh database, over TestServer or Kestrel on loopback.</summary>
public sealed class ScimTestHost : IAsyncDisposable
{
    private readonly Type _context;

    private ScimTestHost(WebApplication app, TestDatabase database, HttpClient client, Type context)
    {
        _context = context;
        App = app;
        Database = database;
        Client = client;
    }

    public WebApplication App { get; }

    public TestDatabase Database { get; }

    public HttpClient Client { get; }

    public RecordingSink Sink => App.Services.GetRequiredService<RecordingSink>();

    public string AcmeToken { get; private set; } = "";

    public string GlobexToken { get; private set; } = "";

    public string InitechToken { get; private set; } = "";

    public IScimTokenService Tokens => App.Services.GetRequiredService<IScimTokenService>();

    /// <summary>The host's context (<see cref="ScimTestDb"/>, or <see cref="IdentityScimDb"/> when started with <c>identityContext</c>) from <paramref name="services"/>.</summary>
    public DbContext Context(IServiceProvider services) => (DbContext)services.GetRequiredService(_context);

    public static async Task<ScimTestHost> StartAsync(Backend backend, Action<ScimOptions>? options = null, bool kestrel = false, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? interceptor = null, Action<IServiceCollection>? services = null, bool identityContext = false)
    {
        var database = await TestDatabase.CreateAsync(backend);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("SCIM_TEST_LOG") == "1")
        {
            builder.Logging.AddSimpleConsole();
        }

        if (kestrel)
        {
            builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        }
        else
        {
            builder.WebHost.UseTestServer();
        }

        services?.Invoke(builder.Services);
        builder.Services.AddSingleton<RecordingSink>();
        builder.Services.AddSingleton<IScimEventSink>(sp =>
        {
            var sink = sp.GetRequiredService<RecordingSink>();
            sink.Current = sp.GetRequiredService<ICurrentTenant>();
            return sink;
        });
        var tenancy = builder.Services.AddTenancy(t => t.FromHeader("X-Tenant").WithInMemoryStore(Tenants.Acme, Tenants.Globex, Tenants.Initech));
        var context = identityContext ? AddStore<IdentityScimDb>(tenancy, database, interceptor, options) : AddStore<ScimTestDb>(tenancy, database, interceptor, options);

        var app = builder.Build();
        app.UseRouting();
        app.UseTenancy();
        app.MapScim("/scim/v2");
        await app.StartAsync();

        HttpClient client;
        if (kestrel)
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            client = new HttpClient { BaseAddress = new Uri(address) };
        }
        else
        {
            client = app.GetTestClient();
        }

        var host = new ScimTestHost(app, database, client, context);
        host.AcmeToken = (await host.Tokens.IssueAsync(Tenants.Acme.Id, "Entra ID")).Token;
        host.GlobexToken = (await host.Tokens.IssueAsync(Tenants.Globex.Id, "Okta")).Token;
        host.InitechToken = (await host.Tokens.IssueAsync(Tenants.Initech.Id, "suspended")).Token;
        return host;
    }

    private static Type AddStore<TContext>(TenancyBuilder tenancy, TestDatabase database, Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor? interceptor, Action<ScimOptions>? options)
        where TContext : DbContext, Tenancy.EntityFramework.ITenantDbContext
    {
        tenancy
            .AddTenantDbContext<TContext>(
                (_, db) =>
                {
                    database.Configure(db);
                    if (interceptor is not null)
                    {
                        db.AddInterceptors(interceptor);
                    }
                },
                database.ConfigureTenancy)
            .AddTenancyScim(scim =>
            {
                scim.UseEntityFrameworkStore<TContext>();
                if (options is not null)
                {
                    scim.Configure(options);
                }
            });
        return typeof(TContext);
    }

    public Task<ScimReply> SendAsync(string token, HttpMethod method, string path, string? json = null, Action<HttpRequestMessage>? configure = null) =>
        SendRawAsync(method, path, json, request =>
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            configure?.Invoke(request);
        });

    public async Task<ScimReply> SendRawAsync(HttpMethod method, string path, string? json, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, "/scim/v2" + path);
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/scim+json");
        }

        configure?.Invoke(request);
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        if (text.Length > 0)
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException)
            {
                body = null;
            }
        }

        return new ScimReply(response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, response.Headers, text);
    }

    public Task<ScimReply> Get(string token, string path) => SendAsync(token, HttpMethod.Get, path);

    public Task<ScimReply> Post(string token, string path, string json) => SendAsync(token, HttpMethod.Post, path, json);

    public Task<ScimReply> Put(string token, string path, string json) => SendAsync(token, HttpMethod.Put, path, json);

    public Task<ScimReply> Patch(string token, string path, string json) => SendAsync(token, HttpMethod.Patch, path, json);

    public Task<ScimReply> Delete(string token, string path) => SendAsync(token, HttpMethod.Delete, path);

    public async Task<string> CreateUserAsync(string token, string userName, string? externalId = null, bool active = true)
    {
        var reply = await Post(token, "/Users", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"{{userName}}","externalId":{{(externalId is null ? "null" : "\"" + externalId + "\"")}},
             "name":{"givenName":"Given {{userName}}","familyName":"Family"},"displayName":"{{userName}}","active":{{(active ? "true" : "false")}},
             "emails":[{"value":"{{userName}}","type":"work","primary":true}]}
            """);
        reply.Status.Should().Be(System.Net.HttpStatusCode.Created, reply.ToString());
        return reply.Id;
    }

    public async Task<string> CreateGroupAsync(string token, string displayName, params string[] members)
    {
        var list = string.Join(",", members.Select(m => $$"""{"value":"{{m}}"}"""));
        var reply = await Post(token, "/Groups", $$"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"{{displayName}}","members":[{{list}}]}
            """);
        reply.Status.Should().Be(System.Net.HttpStatusCode.Created, reply.ToString());
        return reply.Id;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
