using Microsoft.AspNetCore.Authentication;
using Tenancy;
using Tenancy.Sample.Host.Auth;
using Tenancy.Sample.Host.Data;
using Tenancy.Sample.Host.Files;
using Tenancy.Sample.Host.ScaleOut;

// The Tenancy sample: a small SaaS host on embedded defaults (SQLite, local disk, in-process cache).
//   curl -H 'X-Tenant: acme' http://localhost:5000/tenant          → Acme (by header)
//   curl http://acme.localhost:5000/tenant                          → Acme (by subdomain; *.localhost is loopback)
//   curl -H 'Authorization: Demo alice@t-globex' http://localhost:5000/tenant → Globex (by authenticated claim)
//   curl -H 'Authorization: Demo alice@t-globex' -H 'X-Tenant: acme' …      → 403 (the claim wins)
//   curl -H 'X-Tenant: initech' http://localhost:5000/tenant        → 423 (suspended)
var builder = WebApplication.CreateBuilder(args);

builder.Services.AddProblemDetails();
builder.Services
    .AddAuthentication(DemoAuthenticationHandler.SchemeName)
    .AddScheme<AuthenticationSchemeOptions, DemoAuthenticationHandler>(DemoAuthenticationHandler.SchemeName, null);
builder.Services.AddAuthorization();

builder.Services.AddTenancy(tenancy => tenancy
        .FromHost(builder.Configuration["Sample:HostTemplate"] ?? "{tenant}.localhost")
        .FromClaim("tid")
        .FromHeader("X-Tenant")
        .WithConfigurationStore(builder.Configuration.GetSection("Tenancy:Tenants"))
        .WithCaching())
    .AddTenantRateLimiter(limits => limits
        .SetDefault(new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 100, Window = TimeSpan.FromSeconds(10) })
        .AddPlan("pro", new System.Threading.RateLimiting.FixedWindowRateLimiterOptions { PermitLimit = 1000, Window = TimeSpan.FromSeconds(10) }));
builder.Services.AddHealthChecks();

builder.AddSampleData();
builder.AddSampleStorage();
builder.AddSampleScaleOut();

var app = builder.Build();

app.UseAuthentication();
app.UseRouting();
app.UseTenancy();
app.UseTenantRateLimiter();
app.UseAuthorization();

app.MapGet("/", () => Results.Ok(new
{
    name = "Tenancy sample host",
    tryThese = new[] { "GET /tenant with header X-Tenant: acme", "GET http://acme.localhost:5000/tenant", "GET /projects", "PUT /files/hello.txt" },
})).AllowWithoutTenant();

app.MapGet("/tenant", (ICurrentTenant current) =>
{
    var tenant = current.GetRequiredTenant();
    return Results.Ok(new { tenant.Id, tenant.Identifier, tenant.Name, tenant.Plan, tenant.Region, Status = tenant.Status.ToString() });
}).RequireTenant();

app.MapHealthChecks("/health").AllowWithoutTenant();
app.MapSampleData();
app.MapSampleStorage();
app.MapSampleScaleOut();

app.Run();

/// <summary>The sample's entry point (public for WebApplicationFactory-based tests).</summary>
public partial class Program;
