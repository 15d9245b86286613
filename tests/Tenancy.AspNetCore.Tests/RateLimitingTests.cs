using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Tenancy.AspNetCore.Diagnostics;
using Tenancy.AspNetCore.Problems;
using Tenancy.AspNetCore.RateLimiting;
using Tenancy.AspNetCore.Tests.Infrastructure;
using Tenancy.Diagnostics;
using Tenancy.Stores;

namespace Tenancy.AspNetCore.Tests;

/// <summary>
/// Each tenant has its own limit, chosen by its plan; inside it each authenticated caller has a share and anonymous
/// callers a separate, smaller budget per tenant and per client address.
/// </summary>
public sealed class RateLimitingTests
{
    private const string AddressHeader = "X-Test-Address";

    private static Task<TestApp> StartAsync(Action<TenantRateLimiterOptions>? configure = null) =>
        TestApp.StartAsync(
            t => t.FromHeader("X-Tenant").AddTenancyRateLimiter(configure ?? (o =>
            {
                o.CallerShare = 1;
                o.SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = 5, Window = TimeSpan.FromHours(1) })
                    .AddPlan("free", new FixedWindowRateLimiterOptions { PermitLimit = 2, Window = TimeSpan.FromHours(1) })
                    .AddUnlimitedPlan("enterprise");
            })),
            pipeline: a =>
            {
                // Stands in for UseForwardedHeaders(): the test names the client address.
                a.Use((context, next) =>
                {
                    if (context.Request.Headers[AddressHeader] is { Count: 1 } address)
                    {
                        context.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                    }

                    return next(context);
                });
                a.UseRouting();
                a.UseAuthentication();
                a.UseTenancy();
                a.UseTenancyRateLimiter();
            },
            endpoints: a => a.MapGet("/health", () => "ok").AllowWithoutTenant());

    /// <summary>An authenticated request of <paramref name="user"/> naming <paramref name="tenant"/>.</summary>
    private static async Task<HttpStatusCode> StatusAsync(TestApp app, string tenant, string user = "user-1")
    {
        using var response = await app.GetAsync("/whoami", ("X-Tenant", tenant), (TestAuthHandler.TenantHeader, "any"), (TestAuthHandler.SubjectHeader, user));
        return response.StatusCode;
    }

    private static async Task<HttpStatusCode> AnonymousStatusAsync(TestApp app, string tenant, string address)
    {
        using var response = await app.GetAsync("/whoami", ("X-Tenant", tenant), (AddressHeader, address));
        return response.StatusCode;
    }

    [Fact]
    public async Task Tenant_over_its_limit_is_answered_429_with_retry_after_while_another_tenant_is_served()
    {
        await using var app = await StartAsync();

        (await StatusAsync(app, "acme")).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(app, "acme")).Should().Be(HttpStatusCode.OK);
        using var refused = await app.GetAsync("/whoami", ("X-Tenant", "acme"), (TestAuthHandler.TenantHeader, "any"));

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
            (await AnonymousStatusAsync(app, "bigcorp", "192.0.2.1")).Should().Be(HttpStatusCode.OK, "an unlimited plan limits no one");
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
    public async Task Requests_without_a_tenant_are_not_limited_unless_asked()
    {
        await using var app = await StartAsync(o => o.SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromHours(1) }));

        for (var i = 0; i < 5; i++)
        {
            (await app.Client.GetStringAsync("/health")).Should().Be("ok");
        }
    }

    [Fact]
    public async Task Requests_without_a_tenant_are_limited_per_client_address_when_asked()
    {
        await using var app = await StartAsync(o => o.LimitRequestsWithoutTenant(new FixedWindowRateLimiterOptions { PermitLimit = 2, Window = TimeSpan.FromHours(1) }));

        async Task<HttpStatusCode> HealthAsync(string address)
        {
            using var response = await app.GetAsync("/health", (AddressHeader, address));
            return response.StatusCode;
        }

        (await HealthAsync("192.0.2.1")).Should().Be(HttpStatusCode.OK);
        (await HealthAsync("192.0.2.1")).Should().Be(HttpStatusCode.OK);
        using (var refused = await app.GetAsync("/health", (AddressHeader, "192.0.2.1")))
        {
            await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, TenancyProblemTypes.RateLimited);
            refused.Headers.RetryAfter.Should().NotBeNull();
        }

        (await HealthAsync("192.0.2.2")).Should().Be(HttpStatusCode.OK, "another address has its own budget");
    }

    [Fact]
    public async Task Anonymous_requests_use_a_separate_smaller_budget_that_leaves_authenticated_callers_served()
    {
        await using var app = await StartAsync(o =>
        {
            o.AnonymousShare = 0.2;
            o.CallerShare = 0.5;
            o.SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromHours(1) });
        });

        // The tenant's anonymous budget is 2, and 1 per address.
        (await AnonymousStatusAsync(app, "tenant-1", "192.0.2.1")).Should().Be(HttpStatusCode.OK);
        (await AnonymousStatusAsync(app, "tenant-1", "192.0.2.1")).Should().Be(HttpStatusCode.TooManyRequests, "one address gets a share of the anonymous budget");
        (await AnonymousStatusAsync(app, "tenant-1", "192.0.2.2")).Should().Be(HttpStatusCode.OK);
        (await AnonymousStatusAsync(app, "tenant-1", "192.0.2.3")).Should().Be(HttpStatusCode.TooManyRequests, "the tenant's anonymous budget is used up");

        for (var i = 0; i < 5; i++)
        {
            (await StatusAsync(app, "tenant-1", "alice")).Should().Be(HttpStatusCode.OK, "anonymous traffic never spends the authenticated budget");
        }
    }

    [Fact]
    public async Task One_user_cannot_use_up_another_users_share_and_the_tenant_cap_still_holds()
    {
        await using var app = await StartAsync(o =>
        {
            o.CallerShare = 0.4;
            o.SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromHours(1) });
        });

        for (var i = 0; i < 4; i++)
        {
            (await StatusAsync(app, "tenant-2", "alice")).Should().Be(HttpStatusCode.OK);
        }

        for (var i = 0; i < 10; i++)
        {
            (await StatusAsync(app, "tenant-2", "alice")).Should().Be(HttpStatusCode.TooManyRequests);
        }

        for (var i = 0; i < 4; i++)
        {
            (await StatusAsync(app, "tenant-2", "bob")).Should().Be(HttpStatusCode.OK, "alice's refused requests did not spend the tenant's cap");
        }

        (await StatusAsync(app, "tenant-2", "carol")).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(app, "tenant-2", "carol")).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(app, "tenant-2", "carol")).Should().Be(HttpStatusCode.TooManyRequests, "the tenant-wide cap of 10 holds");
    }

    [Fact]
    public async Task Ipv6_clients_are_counted_by_their_64_bit_prefix()
    {
        await using var app = await StartAsync(o =>
        {
            o.AnonymousShare = 1;
            o.CallerShare = 0.5;
            o.SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = 4, Window = TimeSpan.FromHours(1) });
        });

        (await AnonymousStatusAsync(app, "tenant-3", "2001:db8:1:1::1")).Should().Be(HttpStatusCode.OK);
        (await AnonymousStatusAsync(app, "tenant-3", "2001:db8:1:1::2")).Should().Be(HttpStatusCode.OK);
        (await AnonymousStatusAsync(app, "tenant-3", "2001:db8:1:1:ffff::3")).Should().Be(HttpStatusCode.TooManyRequests, "the same /64");
        (await AnonymousStatusAsync(app, "tenant-3", "2001:db8:1:2::1")).Should().Be(HttpStatusCode.OK, "another /64");
    }

    [Fact]
    public async Task Refusals_are_counted_per_tenant_pool_and_partition()
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
        measurements.Should().OnlyContain(m =>
            (string?)m.Tags[TenancyTelemetry.TenantIdTag] == Tenants.Acme.Id
            && (string?)m.Tags[TenancyAspNetCoreTelemetry.PlanTag] == "free"
            && (string?)m.Tags[TenancyAspNetCoreTelemetry.RateLimitPoolTag] == "authenticated");
    }

    [Fact]
    public async Task Parallel_tenants_exhaust_only_their_own_limits()
    {
        await using var app = await StartAsync(o =>
        {
            o.CallerShare = 1;
            o.SetDefault(new FixedWindowRateLimiterOptions { PermitLimit = 3, Window = TimeSpan.FromHours(1) });
        });
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
        var options = new TenantRateLimiterOptions();

        var act = () => options.AddPlan("free", new FixedWindowRateLimiterOptions { PermitLimit = -1, Window = TimeSpan.FromSeconds(1) });

        act.Should().Throw<ArgumentException>();
    }

    [Theory]
    [InlineData(0.0, 0.1, "CallerShare")]
    [InlineData(1.5, 0.1, "CallerShare")]
    [InlineData(0.5, 0.0, "AnonymousShare")]
    public void Out_of_range_shares_fail_validation_naming_the_member(double callerShare, double anonymousShare, string member)
    {
        var services = new ServiceCollection().AddTenancyRateLimiter(o =>
        {
            o.CallerShare = callerShare;
            o.AnonymousShare = anonymousShare;
        }).BuildServiceProvider();

        var act = () => services.GetRequiredService<IOptions<TenantRateLimiterOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage($"*{member}*");
    }
}
