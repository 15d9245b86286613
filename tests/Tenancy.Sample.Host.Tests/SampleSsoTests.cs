using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Testing.Hosting;

namespace Tenancy.Sample.Host.Tests;

/// <summary>The README's SSO walk: sign-in at a tenant's host through its (dev-only) provider, and a bearer token from it.</summary>
public sealed class SampleSsoTests : IClassFixture<SampleSsoTests.SsoFactory>
{
    private readonly SsoFactory _factory;

    public SampleSsoTests(SsoFactory factory) => _factory = factory;

    [Fact]
    public async Task Signing_in_at_a_tenants_host_goes_through_its_provider_and_back_with_an_sso_session()
    {
        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://acme.localhost") });

        using var start = await client.GetAsync(new Uri("http://acme.localhost/signin"));
        start.StatusCode.Should().Be(HttpStatusCode.Redirect);
        start.Headers.Location!.ToString().Should().StartWith("http://localhost/dev-idp/acme/authorize?");
        using var form = await client.GetAsync(start.Headers.Location);
        (await form.Content.ReadAsStringAsync()).Should().Contain("Development only");
        using var authorize = await client.GetAsync(new Uri(start.Headers.Location + "&login_hint=alice%40acme.test"));
        authorize.Headers.Location!.ToString().Should().StartWith("http://acme.localhost/signin/callback?code=");
        using var callback = await client.GetAsync(authorize.Headers.Location);
        callback.StatusCode.Should().Be(HttpStatusCode.Redirect, await callback.Content.ReadAsStringAsync());

        var me = await client.GetFromJsonAsync<JsonElement>(new Uri("http://acme.localhost/sso/me"));
        me.GetProperty("tenant").GetString().Should().Be("t-acme");
        me.GetProperty("amr").GetString().Should().Be("sso");

        using var replay = await client.GetAsync(authorize.Headers.Location);
        replay.StatusCode.Should().Be(HttpStatusCode.BadRequest, "a callback is answered once");
    }

    [Fact]
    public async Task A_bearer_token_from_a_tenants_provider_names_that_tenant_and_a_disagreeing_header_is_refused()
    {
        using var client = _factory.CreateClient();
        using var tokenResponse = await client.PostAsync(new Uri("/dev-idp/acme/token", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials", ["client_id"] = "sample-app", ["client_secret"] = "dev-only-client-secret",
        }));
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString();

        using var ok = new HttpRequestMessage(HttpMethod.Get, "/tenant");
        ok.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        using var okResponse = await client.SendAsync(ok);
        (await okResponse.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString().Should().Be("t-acme");

        using var conflict = new HttpRequestMessage(HttpMethod.Get, "/tenant");
        conflict.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        conflict.Headers.Add("X-Tenant", "globex");
        (await client.SendAsync(conflict)).StatusCode.Should().Be(HttpStatusCode.Forbidden);

        using var broken = new HttpRequestMessage(HttpMethod.Get, "/tenant");
        broken.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token + "x");
        (await client.SendAsync(broken)).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    public sealed class SsoFactory : WebApplicationFactory<Program>
    {
        private readonly SampleContentRoot _root = new("tenancy-sample-sso-");

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseContentRoot(_root.Path);
            builder.UseSetting("Sample:Sso:DevIdpAddress", "http://localhost/dev-idp");

            // The app fetches its dev provider's metadata over HTTP: route that client into the test server.
            builder.ConfigureTestServices(services => services.AddHttpClient("Tenancy.Sso")
                .ConfigurePrimaryHttpMessageHandler(sp => ((TestServer)sp.GetRequiredService<IServer>()).CreateHandler()));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            _root.Dispose();
        }
    }
}
