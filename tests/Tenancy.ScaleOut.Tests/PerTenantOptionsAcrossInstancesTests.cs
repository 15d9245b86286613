using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Tenancy.ScaleOut.Tests;

/// <summary>Per-tenant options built on one instance follow a change made on another.</summary>
public sealed class PerTenantOptionsAcrossInstancesTests
{
    [Theory]
    [InlineData(BackplaneKind.Redis)]
    [InlineData(BackplaneKind.PostgreSql)]
    public async Task A_plan_changed_on_instance_A_rebuilds_the_tenants_options_on_instance_B_and_only_that_tenants(BackplaneKind kind)
    {
        await using var database = await ScaleOutDatabase.CreateAsync(Tenants.All);
        Action<TenancyBuilder> setup = t =>
        {
            BackplaneSetup.For(kind, database)(t);
            t.ConfigurePerTenant<PlanOptions>((o, tenant) => o.Plan = tenant.Plan ?? "none");
        };
        await using var a = await Instance.StartAsync(database, setup);
        await using var b = await Instance.StartAsync(database, setup, pipeline: MapPlan);
        await a.UntilBackplaneIsAsync(HealthStatus.Healthy);
        await b.UntilBackplaneIsAsync(HealthStatus.Healthy);
        (await PlanOnAsync(b, "acme")).Should().Be("pro");
        (await PlanOnAsync(b, "globex")).Should().Be("none");

        await a.Store.UpdateAsync(Tenants.Acme with { Plan = "enterprise" });

        await Eventually.WithinAsync(TimeSpan.FromSeconds(10), async () => await PlanOnAsync(b, "acme") == "enterprise", "B rebuilds acme's options");
        (await PlanOnAsync(b, "globex")).Should().Be("none");
    }

    private static void MapPlan(WebApplication app) =>
        app.MapGet("/plan", (IOptionsSnapshot<PlanOptions> options) => Results.Text(options.Value.Plan)).RequireTenant();

    private static async Task<string> PlanOnAsync(Instance instance, string tenant)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/plan");
        request.Headers.Add("X-Tenant", tenant);
        using var response = await instance.Client.SendAsync(request);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    public sealed class PlanOptions
    {
        public string Plan { get; set; } = "";
    }
}
