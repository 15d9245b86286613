using System.Net;
using Tenancy.AspNetCore.Metadata;
using Tenancy.AspNetCore.Problems;
using Tenancy.AspNetCore.Tests.Infrastructure;

namespace Tenancy.AspNetCore.Tests;

/// <summary>Endpoints opt out of resolution or require a tenant through metadata.</summary>
public sealed class EndpointMetadataTests
{
    [Fact]
    public async Task Endpoint_that_allows_no_tenant_runs_without_one_and_skips_resolution()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromHeader("X-Tenant"),
            endpoints: a => a.MapGet("/health", (ICurrentTenant current) => current.Id ?? "none").AllowWithoutTenant());

        (await app.Client.GetStringAsync("/health")).Should().Be("none");
        using var withHeader = await app.GetAsync("/health", ("X-Tenant", "acme"));
        (await withHeader.Content.ReadAsStringAsync()).Should().Be("none", "an opted-out endpoint never sees a tenant");
        using var withBadHeader = await app.GetAsync("/health", ("X-Tenant", "<bad>"));
        withBadHeader.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Attribute_on_a_handler_opts_the_endpoint_out()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromHeader("X-Tenant"),
            endpoints: a => a.MapGet("/status", [AllowWithoutTenant] (ICurrentTenant current) => current.Id ?? "none"));

        (await app.Client.GetStringAsync("/status")).Should().Be("none");
    }

    [Fact]
    public async Task Endpoint_without_metadata_may_run_without_a_tenant_when_the_default_allows_it()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant").ConfigureHttp(o => o.RequireTenantByDefault = false));

        (await app.WhoAmIAsync("/whoami")).Tenant.Should().BeNull();
        (await app.WhoAmIAsync("/whoami", ("X-Tenant", "acme"))).Tenant.Should().Be(Tenants.Acme.Id);
    }

    [Fact]
    public async Task Optional_tenant_still_rejects_a_request_that_names_a_bad_or_unknown_tenant()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant").ConfigureHttp(o => o.RequireTenantByDefault = false));

        using var unknown = await app.GetAsync("/whoami", ("X-Tenant", "nobody"));
        await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, TenancyProblemTypes.NotFound);
        using var malformed = await app.GetAsync("/whoami", ("X-Tenant", "a b"));
        await malformed.ShouldBeProblemAsync(HttpStatusCode.BadRequest, TenancyProblemTypes.InvalidIdentifier);
    }

    [Fact]
    public async Task Endpoint_that_requires_a_tenant_answers_400_when_none_is_named_even_if_the_default_allows_it()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromHeader("X-Tenant").ConfigureHttp(o => o.RequireTenantByDefault = false),
            endpoints: a =>
            {
                a.MapGet("/orders", (ICurrentTenant current) => current.GetRequiredTenant().Id).RequireTenant();
                a.MapGet("/invoices", [RequireTenant] (ICurrentTenant current) => current.GetRequiredTenant().Id);
            });

        using var orders = await app.GetAsync("/orders");
        await orders.ShouldBeProblemAsync(HttpStatusCode.BadRequest, TenancyProblemTypes.TenantRequired);
        using var invoices = await app.GetAsync("/invoices");
        await invoices.ShouldBeProblemAsync(HttpStatusCode.BadRequest, TenancyProblemTypes.TenantRequired);
        (await (await app.GetAsync("/orders", ("X-Tenant", "globex"))).Content.ReadAsStringAsync()).Should().Be(Tenants.Globex.Id);
    }

    [Fact]
    public async Task Endpoint_metadata_overrides_its_group_metadata()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromHeader("X-Tenant"),
            endpoints: a =>
            {
                var group = a.MapGroup("/public").AllowWithoutTenant();
                group.MapGet("/about", (ICurrentTenant current) => current.Id ?? "none");
                group.MapGet("/mine", (ICurrentTenant current) => current.Id ?? "none").RequireTenant();
                group.MapGet("/maybe", (ICurrentTenant current) => current.Id ?? "none").WithTenantRequirement(TenantRequirement.Optional);
            });

        (await app.Client.GetStringAsync("/public/about")).Should().Be("none");
        using var mine = await app.GetAsync("/public/mine");
        await mine.ShouldBeProblemAsync(HttpStatusCode.BadRequest, TenancyProblemTypes.TenantRequired);
        (await (await app.GetAsync("/public/mine", ("X-Tenant", "acme"))).Content.ReadAsStringAsync()).Should().Be(Tenants.Acme.Id);
        (await app.Client.GetStringAsync("/public/maybe")).Should().Be("none");
        (await (await app.GetAsync("/public/maybe", ("X-Tenant", "acme"))).Content.ReadAsStringAsync()).Should().Be(Tenants.Acme.Id);
    }
}
