using Tenancy;
using Tenancy.Sample.Host.Auth;
using Tenancy.Sample.Host.Billing;
using Tenancy.Sample.Host.Console;
using Tenancy.Sample.Host.Data;
using Tenancy.Sample.Host.Files;
using Tenancy.Sample.Host.Scim;
using Tenancy.Sample.Host.Platform;
using Tenancy.Sample.Host.ScaleOut;
using Tenancy.Sample.Host.Sso;

// The Tenancy sample: a small SaaS host on embedded defaults (SQLite, local disk, in-process cache).
//   curl -H 'X-Tenant: acme' http://localhost:5000/tenant          → Acme (by header; public endpoint)
//   curl http://acme.localhost:5000/tenant                          → Acme (by subdomain; *.localhost is loopback)
//   curl -H 'X-Tenant: globex' http://acme.localhost:5000/tenant    → 403 (two sources disagree)
//   curl -H 'Authorization: Demo alice@t-globex' http://localhost:5000/tenant → Globex (by authenticated claim)
//   curl -H 'Authorization: Demo alice@t-globex' -H 'X-Tenant: acme' …      → 403 (the claim wins)
//   curl -H 'Authorization: Bearer x' http://localhost:5000/tenant  → 401 (broken credentials never fall back)
//   curl -H 'X-Tenant: acme' http://localhost:5000/projects         → 401 (tenant data needs a signed-in member)
//   curl -H 'X-Tenant: initech' http://localhost:5000/tenant        → 423 (suspended)
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.AddSampleAuthentication();

builder.Services.AddTenancy(tenancy => tenancy
        .FromHost(builder.Configuration["Sample:HostTemplate"] ?? "{tenant}.localhost")
        .FromClaim("tid")
        .FromHeader("X-Tenant")
        .WithConfigurationStore(builder.Configuration.GetSection("Tenancy:Tenants"))
        .WithCaching())
    .AddTenancyRateLimiter(limits => limits
        .SetDefault(new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 100, Window = TimeSpan.FromSeconds(10) })
        .AddPlan("pro", new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 1000, Window = TimeSpan.FromSeconds(10) })
        .LimitRequestsWithoutTenant(new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 100, Window = TimeSpan.FromSeconds(10) }));
builder.Services.AddHealthChecks();

builder.AddSampleData();
builder.AddSampleStorage();
builder.AddSampleScim();
builder.AddSampleBilling();
builder.AddSamplePlatform();
builder.AddSampleScaleOut();
builder.AddSampleConsole(); // /admin: platform console on the root host, tenant console on each subdomain
builder.AddSampleSso(); // per-tenant OIDC sign-in at {tenant}.localhost:5000/signin, per-tenant JWT bearer, encrypted tenant secrets

var app = builder.Build();

app.UseRouting();
app.UseSampleAuthentication(); // broken credentials are 401, never an anonymous request named by a header
app.UseTenancy();
app.UseTenancyRateLimiter();
app.UseAuthorization();
app.UseTenancyIdempotency();

app.MapGet("/", () => Results.Ok(new
{
    name = "Tenancy sample host",
    tryThese = new[] { "GET /tenant with header X-Tenant: acme", "GET http://acme.localhost:5000/tenant", "GET /projects with header Authorization: Demo alice@t-acme", "PUT /files/hello.txt with header Authorization: Demo alice@t-acme" },
})).AllowWithoutTenant();

app.MapGet("/tenant", (ICurrentTenant current) =>
{
    var tenant = current.GetRequiredTenant();
    return Results.Ok(new { tenant.Id, tenant.Identifier, tenant.Name, tenant.Plan, tenant.Region, Status = tenant.Status.ToString() });
}).RequireTenant();

app.MapHealthChecks("/health").AllowWithoutTenant();
var tenantData = app.MapGroup("").RequireTenantMember(); // reads and writes of tenant data need a signed-in member
tenantData.MapSampleData();
tenantData.MapSampleStorage();
app.MapSampleScim();   // /scim/v2; `-- scim-token <tenant>` issues a token and exits
app.MapSampleBilling(); // /usage; quotas on API requests, projects and stored bytes
app.MapSamplePlatform();
app.MapSampleScaleOut();
app.MapSampleConsole();
app.MapSampleSso();

app.Run();

/// <summary>The sample's entry point (public for WebApplicationFactory-based tests).</summary>
public partial class Program;
