using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tenancy.Billing.Overrides;
using Tenancy.Billing.Payments;
using Tenancy.Billing.Plans;
using Tenancy.EntityFramework;
using Tenancy.Stores;

namespace Tenancy.Billing.Tests.Stores;

/// <summary>
/// The EF Core stores (<c>UseEntityFrameworkStores</c>): what was reported, limit overrides and processed webhook ids
/// outlive a host and are shared by hosts on one database; tenant-scoped rows stay with their tenant. They run on a
/// <see cref="TenantDbContext"/> (<see cref="BillingDb"/>) and on an <c>IdentityDbContext</c> that opts in with
/// <see cref="ITenantDbContext"/> (<see cref="IdentityBillingDb"/>).
/// </summary>
/// <typeparam name="TContext">The host's context.</typeparam>
public abstract class EntityFrameworkStoreTests<TContext> : IAsyncLifetime
    where TContext : DbContext, ITenantDbContext
{
    private static readonly TenantInfo Acme = Tenants.Acme with
    {
        Properties = new Dictionary<string, string> { [BillingTenantProperties.StripeCustomerId] = "cus_acme" },
    };

    private readonly string _prefix = RedisServer.UniquePrefix();
    private FakeStripeServer _stripe = null!;

    public virtual async Task InitializeAsync() => _stripe = await FakeStripeServer.StartAsync();

    public virtual async Task DisposeAsync() => await _stripe.DisposeAsync();

    /// <summary>Registers the host's <typeparamref name="TContext"/> on the shared database.</summary>
    protected abstract void AddDatabase(TenancyBuilder tenancy);

    private Task<BillingHost> StartHostAsync(FakeTimeProvider? time = null, bool redis = true) => BillingHost.StartAsync(
        b => (redis ? b.UseRedis(RedisServer.Shared, o => o.KeyPrefix = _prefix) : b).UseStripe(o =>
        {
            o.ApiKey = FakeStripeServer.ApiKey;
            o.WebhookSecret = StripeWebhooks.Secret;
            o.ApiBase = _stripe.Address;
            o.ReportInterval = TimeSpan.Zero;
        }).UseEntityFrameworkStores<TContext>(),
        time: time,
        tenants: [Acme, Tenants.Globex, Tenants.Pro],
        services: s => AddDatabase(s.AddTenancy()));

    [Fact]
    public async Task A_report_rerun_after_a_restart_sends_nothing_twice()
    {
        await using (var first = await StartHostAsync())
        {
            await first.Guard.TryConsumeAsync(Acme, "api-requests", 7);
            (await first.Services.GetRequiredService<StripeUsageReporter>().ReportAsync(Acme, default)).Should().Be(1);
        }

        await using var second = await StartHostAsync();
        var reporter = second.Services.GetRequiredService<StripeUsageReporter>();
        (await reporter.ReportAsync(Acme, default)).Should().Be(0, "the first host's report is on record");
        _stripe.Requests.Should().Be(1);

        await second.Guard.TryConsumeAsync(Acme, "api-requests", 3);
        (await reporter.ReportAsync(Acme, default)).Should().Be(1);

        _stripe.Requests.Should().Be(2);
        _stripe.Events.Values.Sum(e => e.Value).Should().Be(10);
        var ledger = second.Services.GetRequiredService<IUsageReportLedger>();
        (await ledger.ListAsync(Acme.Id)).Single().Reported.Should().Be(10);
        (await ledger.ListAsync(Tenants.Globex.Id)).Should().BeEmpty();
        using (second.Current.Begin(Tenants.Globex))
        {
            (await ledger.ListAsync(Acme.Id)).Should().BeEmpty("another tenant's report record is invisible to the current tenant");
            (await ledger.FindAsync(Acme.Id, "api-requests", (await ledger.ListAsync(Tenants.Globex.Id)).FirstOrDefault()?.PeriodStart ?? default)).Should().BeNull();
        }
    }

    [Fact]
    public async Task The_same_webhook_event_delivered_to_two_hosts_on_one_database_is_processed_once()
    {
        await using var first = await StartHostAsync(redis: false); // no Redis: the database is the only shared ledger
        await using var second = await StartHostAsync(redis: false);
        var payload = StripeWebhooks.Event("evt_shared", "customer.subscription.updated", StripeWebhooks.Subscription("sub_1", "cus_acme", "price_pro", Acme.Id, BillingHost.Start), BillingHost.Start);
        var signature = StripeWebhooks.Sign(payload, BillingHost.Start);

        var outcomes = await Task.WhenAll(
            first.Services.GetRequiredService<StripeWebhookProcessor>().ProcessAsync(payload, signature, default),
            second.Services.GetRequiredService<StripeWebhookProcessor>().ProcessAsync(payload, signature, default));
        var again = await first.Services.GetRequiredService<StripeWebhookProcessor>().ProcessAsync(payload, signature, default);

        outcomes.Should().BeEquivalentTo([WebhookOutcome.Processed, WebhookOutcome.Duplicate]);
        again.Should().Be(WebhookOutcome.Duplicate);
        var plans = new[] { first, second }.Select(h => h.Services.GetRequiredService<ITenantStore>().FindByIdAsync(Acme.Id).AsTask().Result!.Plan);
        plans.Should().BeEquivalentTo(["pro", "free"], "only the host that claimed the event changed its tenant");

        await using var restarted = await StartHostAsync(redis: false);
        (await restarted.Services.GetRequiredService<StripeWebhookProcessor>().ProcessAsync(payload, signature, default)).Should().Be(WebhookOutcome.Duplicate);
    }

    [Fact]
    public async Task An_override_survives_a_restart_expires_and_is_invisible_to_and_unchangeable_by_another_tenant()
    {
        var approved = new PlanOverride(Acme.Id, "lifetime-imports", 5, BillingHost.Start.AddHours(1), "migration", "ops@example.com");
        await using (var first = await StartHostAsync())
        {
            await first.Services.GetRequiredService<IPlanOverrideStore>().SetAsync(approved);
        }

        var time = new FakeTimeProvider(BillingHost.Start);
        await using var host = await StartHostAsync(time);
        var overrides = host.Services.GetRequiredService<IPlanOverrideStore>();
        overrides.Find(Acme.Id, "lifetime-imports").Should().Be(approved, "the override is loaded from the database at start");
        (await host.Guard.TryConsumeAsync(Acme, "lifetime-imports", 5)).Granted.Should().BeTrue();
        (await host.Guard.TryConsumeAsync(Tenants.Globex, "lifetime-imports", 4)).Granted.Should().BeFalse();

        using (host.Current.Begin(Tenants.Globex))
        {
            (await overrides.ListAsync(Acme.Id)).Should().BeEmpty();
            var raise = async () => await overrides.SetAsync(approved with { Limit = 1000, Reason = "self-service" });
            await raise.Should().ThrowAsync<Exception>();
            (await overrides.RemoveAsync(Acme.Id, "lifetime-imports", "globex-admin")).Should().BeFalse();
        }

        (await overrides.ListAsync(Acme.Id)).Should().Equal(approved);
        overrides.Find(Acme.Id, "lifetime-imports")!.Limit.Should().Be(5);

        time.Advance(TimeSpan.FromHours(1));
        (await overrides.ListAsync(Acme.Id)).Should().BeEmpty();
        overrides.Find(Acme.Id, "lifetime-imports").Should().BeNull();
        await host.Guard.RefundAsync(Acme, "lifetime-imports", 1);
        (await host.Guard.TryConsumeAsync(Acme, "lifetime-imports")).Granted.Should().BeFalse();

        await using var later = await StartHostAsync(new FakeTimeProvider(BillingHost.Start.AddHours(2)));
        later.Services.GetRequiredService<IPlanOverrideStore>().Find(Acme.Id, "lifetime-imports").Should().BeNull();
    }

    [Fact]
    public async Task An_override_set_or_removed_on_one_host_applies_on_another_after_its_refresh()
    {
        var otherTime = new FakeTimeProvider(BillingHost.Start);
        await using var first = await StartHostAsync();
        await using var second = await StartHostAsync(otherTime);
        var approved = new PlanOverride(Acme.Id, "lifetime-imports", 5, BillingHost.Start.AddHours(1), "migration", "ops@example.com");
        var mirror = second.Services.GetRequiredService<IPlanOverrideStore>();

        await first.Services.GetRequiredService<IPlanOverrideStore>().SetAsync(approved);
        (await mirror.ListAsync(Acme.Id)).Should().Equal(approved);
        otherTime.Advance(TimeSpan.FromMinutes(1));
        await EventuallyAsync(() => mirror.Find(Acme.Id, "lifetime-imports") == approved);

        (await first.Services.GetRequiredService<IPlanOverrideStore>().RemoveAsync(Acme.Id, "lifetime-imports", "ops@example.com")).Should().BeTrue();
        otherTime.Advance(TimeSpan.FromMinutes(1));
        await EventuallyAsync(() => mirror.Find(Acme.Id, "lifetime-imports") is null);
    }

    private static async Task EventuallyAsync(Func<bool> condition)
    {
        for (var i = 0; i < 200 && !condition(); i++)
        {
            await Task.Delay(25);
        }

        condition().Should().BeTrue();
    }

    [Fact]
    public async Task An_override_for_an_unknown_tenant_is_refused_and_nothing_is_stored()
    {
        await using var host = await StartHostAsync();
        var overrides = host.Services.GetRequiredService<IPlanOverrideStore>();

        var unknown = async () => await overrides.SetAsync(new PlanOverride("t-nobody", "reports", 5, BillingHost.Start.AddHours(1), "why", "ops"));

        await unknown.Should().ThrowAsync<ArgumentException>();
        overrides.Find("t-nobody", "reports").Should().BeNull();
    }
}
