using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Tenancy.Core.Tests.Support;
using Tenancy.Diagnostics;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;
using Tenancy.Stores;

namespace Tenancy.Core.Tests.Diagnostics;

public sealed class TenancyMetricsTests
{
    [Fact]
    public async Task Each_resolution_is_counted_by_outcome_and_strategy()
    {
        using var factory = new TestMeterFactory();
        using var collector = new MetricCollector<long>(factory, TenancyTelemetry.CoreName, TenancyTelemetry.ResolutionsCounter);
        var resolver = new TenantResolver([new ClaimTenantStrategy(), new HeaderTenantStrategy()], new InMemoryTenantStore(Tenants.All), meterFactory: factory);

        await resolver.ResolveAsync(Tenants.Header("acme"));
        await resolver.ResolveAsync(Tenants.Header("globex"));
        await resolver.ResolveAsync(Tenants.Header("nobody"));
        await resolver.ResolveAsync(Tenants.Header("Not Valid"));
        await resolver.ResolveAsync(Tenants.Header("initech"));
        await resolver.ResolveAsync(Tenants.Request());
        await resolver.ResolveAsync(Tenants.Request(headers: [("X-Tenant", "globex")], user: Tenants.User("t-acme")));

        var counts = collector.GetMeasurementSnapshot()
            .GroupBy(m => ((string)m.Tags[TenancyTelemetry.OutcomeTag]!, (string)m.Tags[TenancyTelemetry.StrategyTag]!))
            .ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
        counts.Should().BeEquivalentTo(new Dictionary<(string, string), long>
        {
            [("resolved", "header")] = 2,
            [("not_found", "header")] = 1,
            [("invalid_identifier", "header")] = 1,
            [("inactive", "header")] = 1,
            [("not_resolved", "none")] = 1,
            [("conflict", "header")] = 1,
        });
    }

    [Theory]
    [InlineData(TenantResolutionOutcome.Resolved, "resolved")]
    [InlineData(TenantResolutionOutcome.NotFound, "not_found")]
    [InlineData(TenantResolutionOutcome.InvalidIdentifier, "invalid_identifier")]
    [InlineData(TenantResolutionOutcome.Conflict, "conflict")]
    [InlineData(TenantResolutionOutcome.Inactive, "inactive")]
    [InlineData(TenantResolutionOutcome.NotResolved, "not_resolved")]
    public void Outcome_names_are_stable_lowercase_tags(TenantResolutionOutcome outcome, string expected) =>
        TenancyMetrics.OutcomeName(outcome).Should().Be(expected);
}
