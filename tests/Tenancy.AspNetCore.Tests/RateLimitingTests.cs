using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Tenancy.AspNetCore.Diagnostics;
using Tenancy.AspNetCore.Problems;
using Tenancy.AspNetCore.Tests.Infrastructure;
using Tenancy.Diagnostics;
using Tenancy.Stores;

namespace Tenancy.AspNetCore.Tests;

/// <summary>Each tenant has its own limit, chosen by its plan; one tenant using up its limit never affects another.</summary>
public sealed class RateLimitingTests
{
    private static Task<TestApp> StartAsync(Action<Tenancy.AspNetCore.RateLimiting.TenantRateLimiterOptions>? configure = null) =>
        TestApp.StartAsync(
            t => t.FromHeader("X-Tenant").AddTenantRateLimiter(configure ?? (o => o
                .SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = 5, Window = TimeSpan.FromHours(1) })
                .AddPlan("free", new FixedWindowRateLimiterOptions { PermitLimit = 2, Window = TimeSpan.FromHours(1) })
                .AddUnlimitedPlan("enterprise"))),
            pipeline: a =>
            {
                a.UseRouting();
                a.UseTenancy();
                a.UseTenantRateLimiter();
            },
            endpoints: a => a.MapGet("/health", () => "ok").AllowWithoutTenant());

    private static async Task<HttpStatusCode> StatusAsync(TestApp app, string tenant)
    {
        using var response = await app.GetAsync("/whoami", ("X-Tenant", tenant));
        return response.StatusCode;
    }

    [Fact]
    public async Task Tenant_over_its_limit_is_answered_429_with_retry_after_while_another_tenant_is_served()
    {
        await using var app = await StartAsync();

        (await StatusAsync(app, "acme")).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(app, "acme")).Should().Be(HttpStatusCode.OK);
        using var refused = await app.GetAsync("/whoami", ("X-Tenant", "acme"));

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, TenancyProblemTypes.RateLimited);
        refused.Headers.RetryAfter!.Delta!.Value.Should().BePositive();
        (await StatusAsync(app, "globex")).Should().Be(HttpStatusCode.OK, "acme's exhausted limit is acme's alone");
        (await StatusAsync(app, "globex")).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Limits_follow_the_plan_and_fall_back_to_the_default()
    {
        await using var app = await StartAsync();
        var store = app.Services.GetRequiredService<IWritableTenantStore>();
        await store.AddAsync(new TenantInfo("t-big", "bigcorp", "Big Corp") { Plan = "enterprise" });
        await store.AddAsync(new TenantInfo("t-mid", "midcorp", "Mid Corp") { Plan = "unknown-plan" });

        for (var i = 0; i < 20; i++)
        {
            (await StatusAsync(app, "bigcorp")).Should().Be(HttpStatusCode.OK);
        }

        for (var i = 0; i < 5; i++)
        {
            (await StatusAsync(app, "midcorp")).Should().Be(HttpStatusCode.OK);
        }

        (await StatusAsync(app, "midcorp")).Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Plan_change_starts_the_tenant_on_a_fresh_limit()
    {
        await using var app = await StartAsync();
        (await StatusAsync(app, "globex")).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(app, "globex")).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(app, "globex")).Should().Be(HttpStatusCode.TooManyRequests);

        await app.Services.GetRequiredService<IWritableTenantStore>().UpdateAsync(Tenants.Globex with { Plan = "pro" });

        for (var i = 0; i < 5; i++)
        {
            (await StatusAsync(app, "globex")).Should().Be(HttpStatusCode.OK);
        }

        (await StatusAsync(app, "globex")).Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Requests_without_a_tenant_are_not_limited()
    {
        await using var app = await StartAsync(o => o.SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromHours(1) }));

        for (var i = 0; i < 5; i++)
        {
            (await app.Client.GetStringAsync("/health")).Should().Be("ok");
        }
    }

    [Fact]
    public async Task Refusals_are_counted_per_tenant()
    {
        await using var app = await StartAsync();
        using var collector = new MetricCollector<long>(
            app.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), TenancyAspNetCoreTelemetry.Name, TenancyAspNetCoreTelemetry.RateLimitRejectionsCounter);

        for (var i = 0; i < 4; i++)
        {
            await StatusAsync(app, "acme");
        }

        var measurements = collector.GetMeasurementSnapshot();
        measurements.Should().HaveCount(2);
        measurements.Should().OnlyContain(m => (string?)m.Tags[TenancyTelemetry.TenantIdTag] == Tenants.Acme.Id && (string?)m.Tags[TenancyAspNetCoreTelemetry.PlanTag] == "free");
    }

    [Fact]
    public async Task Parallel_tenants_exhaust_only_their_own_limits()
    {
        await using var app = await StartAsync(o => o.SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = 3, Window = TimeSpan.FromHours(1) }));
        var tenants = Tenants.Many(10).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            var tenant = tenants[i % tenants.Length];
            return (tenant.Id, Status: await StatusAsync(app, tenant.Identifier));
        }));

        results.GroupBy(r => r.Id).Should().OnlyContain(g => g.Count(r => r.Status == HttpStatusCode.OK) == 3 && g.Count(r => r.Status == HttpStatusCode.TooManyRequests) == 7);
    }

    [Fact]
    public void Invalid_limiter_options_are_rejected_when_configured()
    {
        var options = new Tenancy.AspNetCore.RateLimiting.TenantRateLimiterOptions();

        var act = () => options.AddPlan("free", new FixedWindowRateLimiterOptions { PermitLimit = -1, Window = TimeSpan.FromSeconds(1) });

        act.Should().Throw<ArgumentException>();
    }
}
