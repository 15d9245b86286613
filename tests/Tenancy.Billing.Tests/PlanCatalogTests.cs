using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tenancy.Billing.Features;
using Tenancy.Billing.Plans;

namespace Tenancy.Billing.Tests;

public sealed class PlanCatalogTests
{
    private static IConfigurationRoot Configuration(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json))).Build();

    private const string ValidJson = """
        {
          "Billing": { "Plans": {
            "DefaultPlan": "free",
            "Meters": [ { "Name": "api-requests" }, { "Name": "storage-bytes", "Kind": "Gauge" } ],
            "Plans": [
              { "Id": "free", "DisplayName": "Free", "Features": [ "export" ],
                "Limits": [ { "Meter": "api-requests", "Limit": 1000, "Reset": "Day" }, { "Meter": "storage-bytes", "Limit": 1000000 } ] },
              { "Id": "pro", "DisplayName": "Pro", "Features": [ "export", "sso" ], "StripePrice": "price_pro",
                "Limits": [ { "Meter": "api-requests", "Limit": 100000, "Kind": "Soft", "Ceiling": 150000, "Included": 100000, "OveragePrice": "price_over", "Reset": "BillingCycle" } ] }
            ] } }
        }
        """;

    private static async Task<IHost> StartAsync(IConfiguration configuration)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddTenancy(t => t.WithInMemoryStore(Tenants.All))
            .AddTenancyBilling(b => b.UsePlans(configuration.GetSection("Billing:Plans")));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    [Fact]
    public async Task A_catalogue_binds_from_configuration()
    {
        using var host = await StartAsync(Configuration(ValidJson));
        var catalog = host.Services.GetRequiredService<IPlanCatalog>();

        var pro = catalog.GetPlan(Tenants.Pro);
        pro.DisplayName.Should().Be("Pro");
        pro.Limits["api-requests"].Should().BeEquivalentTo(new { Limit = 100000L, Kind = LimitKind.Soft, Ceiling = 150000L, Cap = 150000L, Reset = ResetPeriod.BillingCycle, OveragePrice = "price_over" });
        catalog.FindByStripePrice("price_pro").Should().BeSameAs(pro);
        catalog.GetPlan(Tenants.NoPlan).Id.Should().Be("free");
        catalog.GetMeter("storage-bytes").Kind.Should().Be(MeterKind.Gauge);
        await host.StopAsync();
    }

    [Theory]
    [InlineData("""{ "Plans": [ { "Id": "free", "DisplayName": "Free", "Limits": [ { "Meter": "nope", "Limit": 1 } ] } ] }""", "'nope' is not defined in Meters")]
    [InlineData("""{ "Meters": [ { "Name": "a" } ], "Plans": [ { "Id": "free", "DisplayName": "" } ] }""", "DisplayName")]
    [InlineData("""{ "Meters": [ { "Name": "a" } ], "Plans": [ { "Id": "Free Plan", "DisplayName": "Free" } ] }""", "Id")]
    [InlineData("""{ "Meters": [ { "Name": "a" } ], "Plans": [ { "Id": "free", "DisplayName": "F", "Limits": [ { "Meter": "a", "Limit": -1 } ] } ] }""", "Limit")]
    [InlineData("""{ "Meters": [ { "Name": "a" } ], "Plans": [ { "Id": "free", "DisplayName": "F", "Limits": [ { "Meter": "a", "Limit": 10, "Ceiling": 5, "Kind": "Soft" } ] } ] }""", "Ceiling")]
    [InlineData("""{ "Meters": [ { "Name": "a" } ], "Plans": [ { "Id": "free", "DisplayName": "F" }, { "Id": "free", "DisplayName": "G" } ] }""", "defined twice")]
    [InlineData("""{ "Meters": [ { "Name": "a" } ], "DefaultPlan": "gold", "Plans": [ { "Id": "free", "DisplayName": "F" } ] }""", "DefaultPlan")]
    [InlineData("""{ "Meters": [ { "Name": "a" } ] }""", "Plans")]
    public async Task An_invalid_catalogue_fails_at_start_up_naming_the_member(string plans, string expected)
    {
        var configuration = Configuration($$"""{ "Billing": { "Plans": {{plans}} } }""");

        var start = async () => await StartAsync(configuration);

        (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task A_reload_replaces_the_catalogue_and_an_invalid_reload_keeps_the_previous_one()
    {
        var path = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(path, ValidJson);
            var configuration = new ConfigurationBuilder().AddJsonFile(path, optional: false, reloadOnChange: false).Build();
            using var host = await StartAsync(configuration);
            var catalog = host.Services.GetRequiredService<IPlanCatalog>();

            await File.WriteAllTextAsync(path, ValidJson.Replace("\"Free\"", "\"Free forever\"", StringComparison.Ordinal));
            configuration.Reload();
            catalog.GetPlan(Tenants.Acme).DisplayName.Should().Be("Free forever");

            await File.WriteAllTextAsync(path, ValidJson.Replace("{ \"Meter\": \"api-requests\", \"Limit\": 1000", "{ \"Meter\": \"unknown\", \"Limit\": 1000", StringComparison.Ordinal));
            configuration.Reload();
            catalog.GetPlan(Tenants.Acme).DisplayName.Should().Be("Free forever");
            catalog.GetPlan(Tenants.Acme).Limits.Should().ContainKey("api-requests");
            await host.StopAsync();
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Features_come_from_the_plan_and_an_unknown_plan_is_a_clear_error()
    {
        await using var host = await BillingHost.StartAsync();
        var gate = host.Services.GetRequiredService<IFeatureGate>();

        gate.IsEnabled(Tenants.Pro, "sso").Should().BeTrue();
        gate.IsEnabled(Tenants.Acme, "sso").Should().BeFalse();
        gate.IsEnabled("sso").Should().BeFalse("no tenant is current");
        using (host.Current.Begin(Tenants.Pro))
        {
            gate.IsEnabled("sso").Should().BeTrue();
        }

        var unknown = () => gate.IsEnabled(Tenants.BadPlan, "sso");
        unknown.Should().Throw<UnknownPlanException>().Which.PlanId.Should().Be("platinum");
    }
}
