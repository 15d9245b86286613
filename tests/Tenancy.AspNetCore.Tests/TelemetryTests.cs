using System.Diagnostics;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Tenancy.AspNetCore.Tests.Infrastructure;
using Tenancy.Diagnostics;
using Tenancy.Resolution;

namespace Tenancy.AspNetCore.Tests;

/// <summary>The tenant id reaches log scopes and the request activity; resolutions are counted by outcome.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Logs_written_during_the_request_carry_the_tenant_id_in_their_scope()
    {
        await using var app = await TestApp.StartAsync(
            t => t.FromHeader("X-Tenant"),
            endpoints: a => a.MapGet("/log", (ILogger<TelemetryTests> logger) =>
            {
                logger.LogInformation("inside the endpoint");
                return "ok";
            }));

        await app.GetAsync("/log", ("X-Tenant", "globex"));

        var entry = app.Logs.Entries.Single(e => e.Message == "inside the endpoint");
        entry.Scopes.OfType<IEnumerable<KeyValuePair<string, object?>>>().SelectMany(s => s)
            .Should().Contain(new KeyValuePair<string, object?>(TenancyTelemetry.TenantIdTag, Tenants.Globex.Id));
    }

    [Fact]
    public async Task Request_activity_is_tagged_with_the_tenant_id()
    {
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
        };
        ActivitySource.AddActivityListener(listener);
        await using var app = await TestApp.StartAsync(
            t => t.FromHeader("X-Tenant"),
            endpoints: a => a.MapGet("/activity", () => Activity.Current?.GetTagItem(TenancyTelemetry.TenantIdTag) as string ?? "untagged"));

        using var response = await app.GetAsync("/activity", ("X-Tenant", "acme"));

        (await response.Content.ReadAsStringAsync()).Should().Be(Tenants.Acme.Id);
    }

    [Fact]
    public async Task Resolutions_through_the_middleware_are_counted_by_outcome()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant"));
        using var collector = new MetricCollector<long>(
            app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), TenancyTelemetry.CoreName, TenancyTelemetry.ResolutionsCounter);

        await app.GetAsync("/whoami", ("X-Tenant", "acme"));
        await app.GetAsync("/whoami", ("X-Tenant", "nobody"));
        await app.GetAsync("/whoami", ("X-Tenant", "initech"));
        await app.GetAsync("/whoami");

        collector.GetMeasurementSnapshot().Select(m => (string?)m.Tags[TenancyTelemetry.OutcomeTag])
            .Should().BeEquivalentTo(["resolved", "not_found", "inactive", "not_resolved"]);
    }

    [Fact]
    public async Task Rejections_are_logged_with_the_outcome_and_no_request_input()
    {
        await using var app = await TestApp.StartAsync(t => t.FromHeader("X-Tenant"));

        await app.GetAsync("/whoami", ("X-Tenant", "evil<script>"));

        app.Logs.Entries.Should().Contain(e => e.Message.Contains(nameof(TenantResolutionOutcome.InvalidIdentifier), StringComparison.Ordinal) && e.Level == LogLevel.Information);
        app.Logs.Entries.Should().NotContain(e => e.Message.Contains("evil", StringComparison.Ordinal));
    }
}
