using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using System.Net;
using System.Net.Http.Json;
using Tenancy.AspNetCore.Tests.Infrastructure;

namespace Tenancy.AspNetCore.Tests;

/// <summary>The path strategy moves the tenant segment into PathBase wherever routing sits in the pipeline.</summary>
public sealed class PathRebasingTests
{
    [Fact]
    public async Task Rebased_path_matches_tenant_agnostic_routes_when_the_web_application_routes_implicitly()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromPath(),
            pipeline: a =>
            {
                a.UseAuthentication();
                a.UseTenancy();
            });

        (await app.WhoAmIAsync("/acme/whoami")).Should().Be(new WhoAmIResponse(Tenants.Acme.Id, "/acme", "/whoami"));
    }

    [Fact]
    public async Task Endpoint_without_tenant_is_reached_by_its_own_path_alongside_path_tenants()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromPath(),
            endpoints: a => a.MapGet("/health", (ICurrentTenant current) => current.Id ?? "none").AllowWithoutTenant());

        (await app.Client.GetStringAsync("/health")).Should().Be("none");
        (await app.WhoAmIAsync("/globex/whoami")).Should().Be(new WhoAmIResponse(Tenants.Globex.Id, "/globex", "/whoami"));
    }

    [Fact]
    public async Task Path_segment_in_another_case_is_rebased_with_the_segment_as_sent()
    {
        await using var app = await TestApp.StartAsync(t => t.FromPath());

        (await app.WhoAmIAsync("/ACME/whoami")).Should().Be(new WhoAmIResponse(Tenants.Acme.Id, "/ACME", "/whoami"));
    }

    [Fact]
    public async Task Tenant_named_by_a_header_leaves_the_path_alone()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant").FromPath());

        (await app.WhoAmIAsync("/whoami", ("X-Tenant", "acme"))).Should().Be(new WhoAmIResponse(Tenants.Acme.Id, string.Empty, "/whoami"));
    }

    [Fact]
    public async Task Rebasing_can_be_turned_off()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromPath().ConfigureHttp(o => o.RebasePathBase = false),
            endpoints: a => a.MapGet("/{tenant}/orders", (HttpContext c, ICurrentTenant current) => TestApp.WhoAmI(c, current)));

        (await app.WhoAmIAsync("/acme/orders")).Should().Be(new WhoAmIResponse(Tenants.Acme.Id, string.Empty, "/acme/orders"));
    }

    [Fact]
    public async Task Rebased_path_matches_routes_in_an_application_builder_with_use_endpoints()
    {
        using var host = await new HostBuilder()
            .ConfigureWebHost(web => web
                .UseTestServer()
                .ConfigureServices(s => s.AddRouting().AddTenancy(t => t.WithInMemoryStore(Tenants.All).FromPath()))
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseTenancy();
                    app.UseEndpoints(e => e.MapGet("/whoami", TestApp.WhoAmI));
                }))
            .StartAsync();
        using var client = host.GetTestClient();

        using var response = await client.GetAsync(new Uri("/globex/whoami", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadFromJsonAsync<WhoAmIResponse>()).Should().Be(new WhoAmIResponse(Tenants.Globex.Id, "/globex", "/whoami"));
        await host.StopAsync();
    }
}
