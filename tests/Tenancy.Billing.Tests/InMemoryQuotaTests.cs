using Microsoft.Extensions.DependencyInjection;
using Tenancy.Billing.Overrides;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;

namespace Tenancy.Billing.Tests;

public sealed class InMemoryQuotaTests
{
    [Fact]
    public async Task Sixteen_concurrent_workers_are_granted_exactly_the_hard_limit()
    {
        await using var host = await BillingHost.StartAsync();
        long granted = 0;
        long denied = 0;
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var result = await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests");
                Interlocked.Increment(ref result.Granted ? ref granted : ref denied);
            }
        })));

        granted.Should().Be(100);
        denied.Should().Be(16 * 50 - 100);
    }

    [Fact]
    public async Task A_refused_consume_changes_nothing()
    {
        await using var host = await BillingHost.StartAsync();
        (await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 95)).Granted.Should().BeTrue();

        var refused = await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 6);

        refused.Granted.Should().BeFalse();
        refused.Reason.Should().Be(QuotaDenialReason.LimitReached);
        refused.Used.Should().Be(95);
        refused.Remaining.Should().Be(5);
        (await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 5)).Granted.Should().BeTrue();
    }

    [Fact]
    public async Task A_refund_gives_units_back_and_never_goes_below_zero()
    {
        await using var host = await BillingHost.StartAsync();
        await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 100);
        (await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests")).Granted.Should().BeFalse();

        await host.Guard.RefundAsync(Tenants.Acme, "api-requests", 2);

        (await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 2)).Granted.Should().BeTrue();
        await host.Guard.RefundAsync(Tenants.Acme, "api-requests", 1000);
        (await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests")).Used.Should().Be(1);
    }

    [Fact]
    public async Task One_tenant_using_up_its_quota_leaves_another_tenant_untouched()
    {
        await using var host = await BillingHost.StartAsync();
        await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 100);
        await host.Guard.RefundAsync(Tenants.Globex, "api-requests", 50);

        var globex = await host.Guard.TryConsumeAsync(Tenants.Globex, "api-requests");

        globex.Granted.Should().BeTrue();
        globex.Used.Should().Be(1);
        (await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests")).Granted.Should().BeFalse();
    }

    [Fact]
    public async Task The_current_tenant_is_the_one_charged()
    {
        await using var host = await BillingHost.StartAsync();
        using (host.Current.Begin(Tenants.Acme))
        {
            await host.Guard.TryConsumeAsync("api-requests", 100);
        }

        using (host.Current.Begin(Tenants.Globex))
        {
            (await host.Guard.TryConsumeAsync("api-requests")).Used.Should().Be(1);
        }

        var noTenant = async () => await host.Guard.TryConsumeAsync("api-requests");
        await noTenant.Should().ThrowAsync<TenantNotResolvedException>();
    }

    [Fact]
    public async Task A_daily_counter_starts_again_at_midnight_utc()
    {
        await using var host = await BillingHost.StartAsync();
        var first = await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 100);
        first.PeriodEnd.Should().Be(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero));
        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 10, 23, 59, 59, TimeSpan.Zero));
        (await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests")).Granted.Should().BeFalse();

        host.Time.SetUtcNow(new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero));

        var next = await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests");
        next.Granted.Should().BeTrue();
        next.Used.Should().Be(1);
    }

    [Fact]
    public async Task A_billing_cycle_follows_the_tenants_anchor_and_a_missing_day_falls_on_the_months_last()
    {
        var anchored = Tenants.Acme with { Properties = new Dictionary<string, string> { [BillingTenantProperties.BillingAnchor] = "2025-12-31T09:30:00Z" } };
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 2, 27, 0, 0, 0, TimeSpan.Zero));
        await using var host = await BillingHost.StartAsync(time: time);

        var inFebruary = await host.Guard.TryConsumeAsync(anchored, "reports", 10);
        inFebruary.PeriodEnd.Should().Be(new DateTimeOffset(2026, 2, 28, 9, 30, 0, TimeSpan.Zero));
        (await host.Guard.TryConsumeAsync(anchored, "reports")).Granted.Should().BeFalse();
        (await host.Guard.TryConsumeAsync(Tenants.Globex, "reports")).PeriodEnd.Should().Be(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

        time.SetUtcNow(new DateTimeOffset(2026, 2, 28, 9, 30, 0, TimeSpan.Zero));

        var next = await host.Guard.TryConsumeAsync(anchored, "reports");
        next.Granted.Should().BeTrue();
        next.PeriodEnd.Should().Be(new DateTimeOffset(2026, 3, 31, 9, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task A_counter_that_never_resets_stays_used_up_and_is_refused_as_a_plan_limit()
    {
        await using var host = await BillingHost.StartAsync();
        await host.Guard.TryConsumeAsync(Tenants.Acme, "lifetime-imports", 3);
        host.Time.Advance(TimeSpan.FromDays(400));

        var result = await host.Guard.TryConsumeAsync(Tenants.Acme, "lifetime-imports");

        result.Granted.Should().BeFalse();
        result.PeriodEnd.Should().BeNull();
    }

    [Fact]
    public async Task A_soft_limit_allows_past_the_limit_and_refuses_only_past_the_ceiling()
    {
        await using var host = await BillingHost.StartAsync();
        (await host.Guard.TryConsumeAsync(Tenants.Pro, "api-requests", 120)).Granted.Should().BeTrue();
        (await host.Guard.TryConsumeAsync(Tenants.Pro, "api-requests", 30)).Granted.Should().BeTrue();

        var past = await host.Guard.TryConsumeAsync(Tenants.Pro, "api-requests");

        past.Granted.Should().BeFalse();
        past.Used.Should().Be(150);
        past.Limit.Should().Be(100);
    }

    [Fact]
    public async Task Alerts_at_80_and_100_percent_are_raised_once_per_period_even_with_refunds_and_concurrency()
    {
        await using var host = await BillingHost.StartAsync();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests");
            }
        })));
        await host.Guard.RefundAsync(Tenants.Acme, "api-requests", 30);
        await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 30);
        await host.Events.WaitForAsync(e => e.Alerts.Count() >= 2);
        await Task.Delay(100);

        host.Events.Alerts.Select(a => a.ThresholdPercent).Should().BeEquivalentTo([80, 100]);
        host.Events.Alerts.Should().OnlyContain(a => a.TenantId == Tenants.Acme.Id && a.Meter == "api-requests" && a.Limit == 100);

        host.Time.SetUtcNow(BillingHost.Start.AddDays(1));
        await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 80);
        await host.Events.WaitForAsync(e => e.Alerts.Count() >= 3);
        host.Events.Alerts.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_soft_limit_alerts_at_its_limit_not_its_ceiling()
    {
        await using var host = await BillingHost.StartAsync();
        await host.Guard.TryConsumeAsync(Tenants.Pro, "api-requests", 101);
        await host.Events.WaitForAsync(e => e.Alerts.Count() >= 2);

        host.Events.Alerts.Select(a => (a.ThresholdPercent, a.Used)).Should().BeEquivalentTo([(80, 101L), (100, 101L)]);
    }

    [Fact]
    public async Task An_override_raises_one_tenants_limit_until_it_expires_and_is_audited()
    {
        await using var host = await BillingHost.StartAsync();
        var overrides = host.Services.GetRequiredService<IPlanOverrideStore>();
        await overrides.SetAsync(new PlanOverride(Tenants.Acme.Id, "lifetime-imports", 5, BillingHost.Start.AddHours(1), "migration", "ops@example.com"));

        (await host.Guard.TryConsumeAsync(Tenants.Acme, "lifetime-imports", 5)).Granted.Should().BeTrue();
        (await host.Guard.TryConsumeAsync(Tenants.Globex, "lifetime-imports", 4)).Granted.Should().BeFalse();
        (await overrides.ListAsync(Tenants.Globex.Id)).Should().BeEmpty();

        host.Time.Advance(TimeSpan.FromHours(1));
        (await overrides.ListAsync(Tenants.Acme.Id)).Should().BeEmpty();
        await host.Guard.RefundAsync(Tenants.Acme, "lifetime-imports", 1);
        (await host.Guard.TryConsumeAsync(Tenants.Acme, "lifetime-imports")).Granted.Should().BeFalse();

        await host.Events.WaitForAsync(e => e.Events.OfType<Events.PlanOverrideChanged>().Any());
        host.Events.Events.OfType<Events.PlanOverrideChanged>().Single().Override.ApprovedBy.Should().Be("ops@example.com");
    }

    [Fact]
    public async Task An_override_without_reason_or_already_expired_is_refused()
    {
        await using var host = await BillingHost.StartAsync();
        var overrides = host.Services.GetRequiredService<IPlanOverrideStore>();

        var noReason = async () => await overrides.SetAsync(new PlanOverride(Tenants.Acme.Id, "reports", 5, BillingHost.Start.AddHours(1), " ", "ops"));
        var expired = async () => await overrides.SetAsync(new PlanOverride(Tenants.Acme.Id, "reports", 5, BillingHost.Start, "why", "ops"));

        await noReason.Should().ThrowAsync<ArgumentException>();
        await expired.Should().ThrowAsync<ArgumentException>();
        (await overrides.ListAsync(Tenants.Acme.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_meter_outside_the_plan_is_refused_and_an_unknown_meter_or_plan_throws_a_clear_error()
    {
        await using var host = await BillingHost.StartAsync();

        (await host.Guard.TryConsumeAsync(Tenants.Acme, "seats")).Reason.Should().Be(QuotaDenialReason.NotInPlan);
        var unknownMeter = async () => await host.Guard.TryConsumeAsync(Tenants.Acme, "nope");
        var unknownPlan = async () => await host.Guard.TryConsumeAsync(Tenants.BadPlan, "reports");
        var badAmount = async () => await host.Guard.TryConsumeAsync(Tenants.Acme, "reports", 0);

        (await unknownMeter.Should().ThrowAsync<UnknownMeterException>()).Which.Message.Should().Contain("'nope'");
        (await unknownPlan.Should().ThrowAsync<UnknownPlanException>()).Which.Message.Should().Contain("'platinum'").And.Contain(Tenants.BadPlan.Id);
        await badAmount.Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task A_tenant_without_a_plan_gets_the_default_plan()
    {
        await using var host = await BillingHost.StartAsync();

        var result = await host.Guard.TryConsumeAsync(Tenants.NoPlan, "lifetime-imports", 4);

        result.Granted.Should().BeFalse();
        result.Limit.Should().Be(3);
    }

    [Fact]
    public async Task A_gauge_reads_its_source_once_per_ttl_and_counts_grants_in_between()
    {
        var reads = 0;
        await using var host = await BillingHost.StartAsync(b => b.AddGauge("storage-bytes", (_, tenant, _) =>
        {
            Interlocked.Increment(ref reads);
            return ValueTask.FromResult(tenant.Id == Tenants.Acme.Id ? 900L : 0L);
        }));

        (await host.Guard.TryConsumeAsync(Tenants.Acme, "storage-bytes", 60)).Granted.Should().BeTrue();
        (await host.Guard.TryConsumeAsync(Tenants.Acme, "storage-bytes", 60)).Granted.Should().BeFalse();
        (await host.Guard.TryConsumeAsync(Tenants.Globex, "storage-bytes", 1000)).Granted.Should().BeTrue();
        reads.Should().Be(2);

        host.Time.Advance(TimeSpan.FromMinutes(5));
        var fresh = await host.Guard.TryConsumeAsync(Tenants.Acme, "storage-bytes", 100);
        fresh.Granted.Should().BeTrue();
        fresh.Used.Should().Be(1000);
        reads.Should().Be(3);
    }

    [Fact]
    public async Task Usage_lists_every_meter_with_its_limit_and_period()
    {
        await using var host = await BillingHost.StartAsync(b => b.AddGauge("storage-bytes", (_, _, _) => ValueTask.FromResult(42L)));
        await host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 7);

        var usage = await host.Guard.GetUsageAsync(Tenants.Acme);

        usage.Select(u => u.Meter).Should().BeInAscendingOrder(StringComparer.Ordinal);
        usage.Single(u => u.Meter == "api-requests").Should().Be(new QuotaUsage("api-requests", 7, 100, null,
            new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 11, 0, 0, 0, TimeSpan.Zero), true));
        usage.Single(u => u.Meter == "storage-bytes").Used.Should().Be(42);
        usage.Single(u => u.Meter == "seats").InPlan.Should().BeFalse();
        (await host.Guard.GetUsageAsync(Tenants.Globex)).Single(u => u.Meter == "api-requests").Used.Should().Be(0);
    }
}
