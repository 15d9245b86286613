using System.Net;
using Tenancy.AspNetCore.Problems;
using Tenancy.AspNetCore.Tests.Infrastructure;

namespace Tenancy.AspNetCore.Tests;

/// <summary>Each strategy through the real pipeline: routing, authentication, UseTenancy, authorization, endpoint.</summary>
public sealed class ResolutionEndToEndTests
{
    [Fact]
    public async Task Subdomain_names_the_tenant()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHost("{tenant}.example.com"));

        (await app.WhoAmIAsync("/whoami", ("Host", "acme.example.com"))).Tenant.Should().Be(Tenants.Acme.Id);
        (await app.WhoAmIAsync("/whoami", ("Host", "globex.example.com:8443"))).Tenant.Should().Be(Tenants.Globex.Id);
    }

    [Fact]
    public async Task Custom_domain_names_the_tenant_that_owns_it()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHost("{tenant}.example.com"));

        (await app.WhoAmIAsync("/whoami", ("Host", "acme-corp.com"))).Tenant.Should().Be(Tenants.Acme.Id);
        (await app.WhoAmIAsync("/whoami", ("Host", "GLOBEX.io"))).Tenant.Should().Be(Tenants.Globex.Id);
    }

    [Fact]
    public async Task Header_names_the_tenant()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant"));

        (await app.WhoAmIAsync("/whoami", ("X-Tenant", "globex"))).Tenant.Should().Be(Tenants.Globex.Id);
    }

    [Fact]
    public async Task Path_segment_names_the_tenant_and_moves_into_the_path_base()
    {
        await using var app = await TestApp.StartAsync(t => t.FromPath());

        var seen = await app.WhoAmIAsync("/acme/whoami");

        seen.Should().Be(new WhoAmIResponse(Tenants.Acme.Id, "/acme", "/whoami"));
    }

    [Fact]
    public async Task Path_rebasing_keeps_an_existing_path_base_and_matches_routes_when_tenancy_runs_before_routing()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromPath(),
            pipeline: a =>
            {
                a.UsePathBase("/portal");
                a.UseTenancy();
                a.UseRouting();
            });

        var seen = await app.WhoAmIAsync("/portal/globex/whoami");

        seen.Should().Be(new WhoAmIResponse(Tenants.Globex.Id, "/portal/globex", "/whoami"));
    }

    [Fact]
    public async Task Path_that_is_only_the_tenant_segment_is_rebased_to_an_empty_path()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromPath(),
            endpoints: a => a.MapFallback((Microsoft.AspNetCore.Http.HttpContext c, ICurrentTenant current) => TestApp.WhoAmI(c, current)));

        var seen = await app.WhoAmIAsync("/acme");

        seen.Should().Be(new WhoAmIResponse(Tenants.Acme.Id, "/acme", string.Empty));
    }

    [Fact]
    public async Task Claim_of_the_authenticated_user_names_the_tenant()
    {
        await using var app = await TestApp.StartAsync(t => t.FromClaim("tid").FromHeader("X-Tenant"));

        (await app.WhoAmIAsync("/whoami", (TestAuthHandler.TenantHeader, Tenants.Globex.Id))).Tenant.Should().Be(Tenants.Globex.Id);
    }

    [Fact]
    public async Task Header_that_agrees_with_the_claim_is_accepted()
    {
        await using var app = await TestApp.StartAsync(t => t.FromClaim("tid").FromHeader("X-Tenant"));

        (await app.WhoAmIAsync("/whoami", (TestAuthHandler.TenantHeader, Tenants.Acme.Id), ("X-Tenant", "acme"))).Tenant.Should().Be(Tenants.Acme.Id);
    }

    [Fact]
    public async Task Header_that_disagrees_with_the_claim_is_rejected_as_a_conflict()
    {
        await using var app = await TestApp.StartAsync(t => t.FromClaim("tid").FromHeader("X-Tenant"));

        using var response = await app.GetAsync("/whoami", (TestAuthHandler.TenantHeader, Tenants.Acme.Id), ("X-Tenant", "globex"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, TenancyProblemTypes.Conflict);
        problem.GetProperty("strategy").GetString().Should().Be("header");
    }

    [Fact]
    public async Task Path_that_disagrees_with_the_claim_is_rejected_even_when_the_path_comes_first()
    {
        await using var app = await TestApp.StartAsync(t => t.FromPath().FromClaim("tid"));

        using var response = await app.GetAsync("/globex/whoami", (TestAuthHandler.TenantHeader, Tenants.Acme.Id));

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden, TenancyProblemTypes.Conflict);
    }

    [Fact]
    public async Task Query_parameter_is_read_only_when_opted_in()
    {
        await using (var optedIn = await TestApp.StartAsync(t => t.FromQuery("tenant")))
        {
            (await optedIn.WhoAmIAsync("/whoami?tenant=globex")).Tenant.Should().Be(Tenants.Globex.Id);
        }

        await using var notOptedIn = await TestApp.StartAsync(t => t.FromHeader("X-Tenant"));
        using var response = await notOptedIn.GetAsync("/whoami?tenant=globex");
        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, TenancyProblemTypes.TenantRequired);
    }

    [Fact]
    public async Task Default_tenant_serves_requests_that_name_none()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant").FromDefault("acme"));

        (await app.WhoAmIAsync("/whoami")).Tenant.Should().Be(Tenants.Acme.Id);
        (await app.WhoAmIAsync("/whoami", ("X-Tenant", "globex"))).Tenant.Should().Be(Tenants.Globex.Id);
    }

    [Fact]
    public async Task Sources_that_name_different_tenants_conflict_and_sources_that_name_none_fall_through()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHost("{tenant}.example.com").FromHeader("X-Tenant"));

        using (var conflict = await app.GetAsync("/whoami", ("Host", "acme.example.com"), ("X-Tenant", "globex")))
        {
            await conflict.ShouldBeProblemAsync(HttpStatusCode.Forbidden, TenancyProblemTypes.Conflict);
        }

        (await app.WhoAmIAsync("/whoami", ("Host", "ACME.example.com"), ("X-Tenant", "acme"))).Tenant.Should().Be(Tenants.Acme.Id);
        (await app.WhoAmIAsync("/whoami", ("Host", "acme-corp.com"), ("X-Tenant", "acme"))).Tenant.Should().Be(Tenants.Acme.Id, "a custom domain and the identifier of the same tenant agree");
        (await app.WhoAmIAsync("/whoami", ("Host", "www.example.com"), ("X-Tenant", "globex"))).Tenant.Should().Be(Tenants.Globex.Id);
        (await app.WhoAmIAsync("/whoami", ("Host", "unknown-domain.org"), ("X-Tenant", "globex"))).Tenant.Should().Be(Tenants.Globex.Id);
    }

    [Fact]
    public async Task Unknown_tenant_is_answered_404()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant"));

        using var response = await app.GetAsync("/whoami", ("X-Tenant", "nobody"));

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, TenancyProblemTypes.NotFound);
    }

    [Theory]
    [InlineData("initech")]
    [InlineData("umbrella")]
    [InlineData("hooli")]
    public async Task Suspended_archived_or_pending_tenant_is_answered_423(string identifier)
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant"));

        using var response = await app.GetAsync("/whoami", ("X-Tenant", identifier));

        await response.ShouldBeProblemAsync(HttpStatusCode.Locked, TenancyProblemTypes.Inactive);
    }

    [Fact]
    public async Task Malformed_identifier_is_answered_400()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant"));

        using var response = await app.GetAsync("/whoami", ("X-Tenant", "acme!"));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, TenancyProblemTypes.InvalidIdentifier);
    }

    [Fact]
    public async Task Request_that_names_no_tenant_is_answered_400_tenant_required()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant"));

        using var response = await app.GetAsync("/whoami");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, TenancyProblemTypes.TenantRequired);
        problem.GetProperty("traceId").GetString().Should().NotBeNullOrEmpty();
    }

    [Fact]
    public async Task Problem_details_service_writes_the_body_when_registered()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromHeader("X-Tenant"),
            services: s => s.AddProblemDetails(o => o.CustomizeProblemDetails = c => c.ProblemDetails.Extensions["customized"] = true));

        using var response = await app.GetAsync("/whoami", ("X-Tenant", "nobody"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, TenancyProblemTypes.NotFound);
        problem.GetProperty("customized").GetBoolean().Should().BeTrue();
        problem.GetProperty("strategy").GetString().Should().Be("header");
    }

    [Fact]
    public async Task Tenant_is_not_current_after_the_request()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant"));

        (await app.WhoAmIAsync("/whoami", ("X-Tenant", "acme"))).Tenant.Should().Be(Tenants.Acme.Id);

        AmbientCurrentTenant.Instance.IsSet.Should().BeFalse();
    }
}
