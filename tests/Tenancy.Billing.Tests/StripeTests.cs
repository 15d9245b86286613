using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tenancy.Billing.Events;
using Tenancy.Billing.Payments;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;
using Tenancy.Stores;

namespace Tenancy.Billing.Tests;

public sealed class StripeTests : IAsyncLifetime
{
    private static readonly TenantInfo Acme = Tenants.Acme with
    {
        Properties = new Dictionary<string, string> { [BillingTenantProperties.StripeCustomerId] = "cus_acme" },
    };

    private static readonly TenantInfo Globex = Tenants.Globex with
    {
        Properties = new Dictionary<string, string> { [BillingTenantProperties.StripeCustomerId] = "cus_globex" },
    };

    private readonly FakeTimeProvider _time = new(BillingHost.Start);
    private readonly RecordingHandler _events = new();
    private FakeStripeServer _stripe = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private int _eventIds;

    public ITenantStore Store => _app.Services.GetRequiredService<ITenantStore>();

    public async Task InitializeAsync()
    {
        _stripe = await FakeStripeServer.StartAsync();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton<IBillingEventHandler>(_events);
        builder.Services.AddTenancy(t => t.FromHeader("X-Tenant").WithInMemoryStore(Acme, Globex, Tenants.Pro).WithCaching())
            .AddTenancyBilling(b => b.UsePlans(TestPlans.Configure).AddGauge("seats", (_, _, _) => ValueTask.FromResult(1L)).UseStripe(o =>
            {
                o.ApiKey = FakeStripeServer.ApiKey;
                o.WebhookSecret = StripeWebhooks.Secret;
                o.ApiBase = _stripe.Address;
                o.ReportInterval = TimeSpan.Zero;
                o.PaymentGracePeriod = TimeSpan.FromDays(3);
            }));
        ConfigureServices(builder.Services);
        _app = builder.Build();
        _app.UseTenancy();
        _app.MapStripeWebhooks("/billing/stripe/webhook");
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _stripe.DisposeAsync();
    }

    private void ConfigureServices(IServiceCollection services) => services.AddSingleton(this);

    private async Task<HttpResponseMessage> DeliverAsync(string payload, string? signature = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/billing/stripe/webhook") { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", signature ?? StripeWebhooks.Sign(payload, _time.GetUtcNow()));
        return await _client.SendAsync(request);
    }

    private string NextId() => "evt_" + Interlocked.Increment(ref _eventIds).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private Task<HttpResponseMessage> SubscriptionAsync(string type, string customer, string price, string? tenantId) =>
        DeliverAsync(StripeWebhooks.Event(NextId(), type, StripeWebhooks.Subscription("sub_" + customer, customer, price, tenantId, BillingHost.Start.AddDays(-3)), _time.GetUtcNow()));

    private Task<HttpResponseMessage> InvoiceAsync(string type, string customer) =>
        DeliverAsync(StripeWebhooks.Event(NextId(), type, StripeWebhooks.Invoice("in_" + NextId(), customer), _time.GetUtcNow()));

    private async Task<TenantInfo> TenantAsync(string id) => (await Store.FindByIdAsync(id))!;

    [Fact]
    public async Task A_subscription_on_a_plan_price_moves_the_tenant_to_that_plan_through_the_cached_store()
    {
        (await TenantAsync(Acme.Id)).Plan.Should().Be("free"); // warms the cache

        using var response = await SubscriptionAsync("customer.subscription.updated", "cus_acme", "price_pro", Acme.Id);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var acme = await TenantAsync(Acme.Id);
        acme.Plan.Should().Be("pro");
        acme.Properties[BillingTenantProperties.StripeSubscriptionId].Should().Be("sub_cus_acme");
        DateTimeOffset.Parse(acme.Properties[BillingTenantProperties.BillingAnchor], System.Globalization.CultureInfo.InvariantCulture).Should().Be(BillingHost.Start.AddDays(-3));
        (await TenantAsync(Globex.Id)).Plan.Should().Be("free");
        (await _app.Services.GetRequiredService<IQuotaGuard>().TryConsumeAsync(acme, "seats")).Granted.Should().BeTrue("the pro plan includes seats");
    }

    [Fact]
    public async Task A_subscription_found_by_customer_id_alone_changes_only_that_customers_tenant()
    {
        using var response = await SubscriptionAsync("customer.subscription.created", "cus_globex", "price_pro", tenantId: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TenantAsync(Globex.Id)).Plan.Should().Be("pro");
        (await TenantAsync(Acme.Id)).Plan.Should().Be("free");
    }

    [Fact]
    public async Task Metadata_naming_one_tenant_with_another_tenants_customer_changes_nobody()
    {
        using var response = await SubscriptionAsync("customer.subscription.updated", "cus_globex", "price_pro", Acme.Id);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await TenantAsync(Acme.Id)).Should().Be(Acme);
        (await TenantAsync(Globex.Id)).Should().Be(Globex);
    }

    [Fact]
    public async Task A_bad_signature_a_wrong_secret_or_a_stale_timestamp_is_rejected_and_changes_nothing()
    {
        var payload = StripeWebhooks.Event(NextId(), "customer.subscription.updated", StripeWebhooks.Subscription("sub_1", "cus_acme", "price_pro", Acme.Id, BillingHost.Start), _time.GetUtcNow());

        using var tampered = await DeliverAsync(payload.Replace("price_pro", "price_free", StringComparison.Ordinal), StripeWebhooks.Sign(payload, _time.GetUtcNow()));
        using var wrongSecret = await DeliverAsync(payload, StripeWebhooks.Sign(payload, _time.GetUtcNow(), "whsec_other"));
        using var stale = await DeliverAsync(payload, StripeWebhooks.Sign(payload, _time.GetUtcNow().AddMinutes(-6)));
        using var missing = await DeliverAsync(payload, "");

        foreach (var response in new[] { tampered, wrongSecret, stale, missing })
        {
            response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        }

        (await TenantAsync(Acme.Id)).Should().Be(Acme);
        using var fresh = await DeliverAsync(payload);
        fresh.StatusCode.Should().Be(HttpStatusCode.OK, "the same payload signed now is accepted");
    }

    [Fact]
    public async Task A_redelivered_event_is_processed_at_most_once()
    {
        var payload = StripeWebhooks.Event("evt_once", "customer.subscription.updated", StripeWebhooks.Subscription("sub_1", "cus_acme", "price_pro", Acme.Id, BillingHost.Start), _time.GetUtcNow());
        (await DeliverAsync(payload)).StatusCode.Should().Be(HttpStatusCode.OK);
        var writable = _app.Services.GetRequiredService<IWritableTenantStore>();
        await writable.UpdateAsync(await TenantAsync(Acme.Id) with { Plan = "free" });

        using var again = await DeliverAsync(payload);

        again.StatusCode.Should().Be(HttpStatusCode.OK);
        (await again.Content.ReadAsStringAsync()).Should().Contain("duplicate");
        (await TenantAsync(Acme.Id)).Plan.Should().Be("free");
    }

    [Fact]
    public async Task An_unknown_event_type_is_acknowledged_and_ignored()
    {
        using var response = await DeliverAsync(StripeWebhooks.Event(NextId(), "charge.refunded", new Dictionary<string, object?> { ["id"] = "ch_1", ["object"] = "charge" }, _time.GetUtcNow()));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("ignored");
        (await TenantAsync(Acme.Id)).Should().Be(Acme);
    }

    [Fact]
    public async Task A_failed_payment_suspends_after_the_grace_and_a_paid_invoice_reactivates()
    {
        var grace = _app.Services.GetRequiredService<PaymentGraceService>();
        (await InvoiceAsync("invoice.payment_failed", "cus_acme")).StatusCode.Should().Be(HttpStatusCode.OK);
        _time.Advance(TimeSpan.FromDays(2));
        (await InvoiceAsync("invoice.payment_failed", "cus_acme")).StatusCode.Should().Be(HttpStatusCode.OK);
        _time.Advance(TimeSpan.FromDays(1) - TimeSpan.FromSeconds(1));
        (await grace.EnforceAsync(default)).Should().Be(0);
        (await TenantAsync(Acme.Id)).Status.Should().Be(TenantStatus.Active);

        _time.Advance(TimeSpan.FromSeconds(1));
        (await grace.EnforceAsync(default)).Should().Be(1);
        (await TenantAsync(Acme.Id)).Status.Should().Be(TenantStatus.Suspended);
        (await TenantAsync(Globex.Id)).Status.Should().Be(TenantStatus.Active);

        (await InvoiceAsync("invoice.paid", "cus_acme")).StatusCode.Should().Be(HttpStatusCode.OK);
        var acme = await TenantAsync(Acme.Id);
        acme.Status.Should().Be(TenantStatus.Active);
        acme.Properties.Should().NotContainKey(BillingTenantProperties.PaymentFailedAt);
    }

    [Fact]
    public async Task A_paid_invoice_does_not_reactivate_a_tenant_suspended_for_another_reason()
    {
        var writable = _app.Services.GetRequiredService<IWritableTenantStore>();
        await writable.UpdateAsync(Globex with { Status = TenantStatus.Suspended });

        (await InvoiceAsync("invoice.paid", "cus_globex")).StatusCode.Should().Be(HttpStatusCode.OK);

        (await TenantAsync(Globex.Id)).Status.Should().Be(TenantStatus.Suspended);
    }

    [Fact]
    public async Task A_deleted_subscription_returns_the_tenant_to_the_default_plan_and_a_trial_ending_is_published()
    {
        await SubscriptionAsync("customer.subscription.created", "cus_acme", "price_pro", Acme.Id);
        await DeliverAsync(StripeWebhooks.Event(NextId(), "customer.subscription.trial_will_end",
            StripeWebhooks.Subscription("sub_cus_acme", "cus_acme", "price_pro", Acme.Id, BillingHost.Start, "trialing", BillingHost.Start.AddDays(3)), _time.GetUtcNow()));

        using var deleted = await SubscriptionAsync("customer.subscription.deleted", "cus_acme", "price_pro", Acme.Id);

        var acme = await TenantAsync(Acme.Id);
        acme.Plan.Should().Be("free");
        acme.Properties.Should().NotContainKey(BillingTenantProperties.StripeSubscriptionId);
        await _events.WaitForAsync(e => e.Events.OfType<TrialEnding>().Any());
        _events.Events.OfType<TrialEnding>().Single().Should().BeEquivalentTo(new { TenantId = Acme.Id, TrialEnd = (DateTimeOffset?)BillingHost.Start.AddDays(3) });
    }

    [Fact]
    public async Task Usage_is_reported_as_meter_events_once_per_increment_and_a_rerun_never_double_counts()
    {
        var guard = _app.Services.GetRequiredService<IQuotaGuard>();
        var reporter = _app.Services.GetRequiredService<StripeUsageReporter>();
        await guard.TryConsumeAsync(Acme, "api-requests", 7);
        await guard.TryConsumeAsync(Globex, "api-requests", 2);
        await guard.TryConsumeAsync(Tenants.Pro, "api-requests", 5); // no Stripe customer: not reported

        (await reporter.ReportAllAsync(default)).Should().Be(2);
        (await reporter.ReportAllAsync(default)).Should().Be(0);
        await guard.TryConsumeAsync(Acme, "api-requests", 3);
        (await reporter.ReportAsync(Acme, default)).Should().Be(1);

        _stripe.Events.Values.Where(e => e.Customer == "cus_acme").Sum(e => e.Value).Should().Be(10);
        _stripe.Events.Values.Where(e => e.Customer == "cus_globex").Sum(e => e.Value).Should().Be(2);
        _stripe.Events.Values.Should().OnlyContain(e => e.EventName == "api_requests");
        var ledger = await _app.Services.GetRequiredService<IUsageReportLedger>().ListAsync(Acme.Id);
        ledger.Single().Reported.Should().Be(10);
        (await _app.Services.GetRequiredService<IUsageReportLedger>().ListAsync(Tenants.Pro.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task A_report_whose_record_was_lost_is_resent_with_the_same_identifier_and_counted_once()
    {
        var guard = _app.Services.GetRequiredService<IQuotaGuard>();
        var client = _app.Services.GetRequiredService<BillingStripeClient>();
        await guard.TryConsumeAsync(Acme, "api-requests", 4);
        var forgetful = new StripeUsageReporter(
            client, Store, _app.Services.GetRequiredService<PlanCatalog>(), _app.Services.GetRequiredService<QuotaGuard>(),
            _app.Services.GetRequiredService<QuotaCounterStore>(), new ForgetfulLedger(), _time);

        await forgetful.ReportAsync(Acme, default);
        await forgetful.ReportAsync(Acme, default);
        await _app.Services.GetRequiredService<StripeUsageReporter>().ReportAsync(Acme, default);

        _stripe.Requests.Should().Be(3);
        _stripe.Events.Values.Sum(e => e.Value).Should().Be(4);
    }

    private sealed class ForgetfulLedger : IUsageReportLedger
    {
        public ValueTask<UsageReport?> FindAsync(string tenantId, string meter, DateTimeOffset periodStart, CancellationToken cancellationToken = default) => new((UsageReport?)null);

        public ValueTask RecordAsync(UsageReport report, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask<IReadOnlyList<UsageReport>> ListAsync(string tenantId, CancellationToken cancellationToken = default) => new([]);
    }
}
