using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Tenancy.Billing.Http;
using Tenancy.Billing.Quotas;

namespace Tenancy.Billing.Tests;

public sealed class HttpQuotaTests : IAsyncLifetime
{
    private readonly FakeTimeProvider _time = new(BillingHost.Start);
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private int _calls;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddProblemDetails();
        builder.Services.AddTenancy(t => t.FromHeader("X-Tenant").WithInMemoryStore(Tenants.All))
            .AddTenancyBilling(b => b.UsePlans(TestPlans.Configure)
                .AddGauge("storage-bytes", (_, tenant, _) => ValueTask.FromResult(tenant.Id == Tenants.Acme.Id ? 990L : 0L)));
        _app = builder.Build();
        _app.UseTenancy();
        _app.MapGet("/api", () => Interlocked.Increment(ref _calls)).RequireQuota("api-requests");
        _app.MapPost("/reports", () => "ok").RequireQuota("reports", 4);
        _app.MapPost("/upload", () => "stored").RequireQuota("storage-bytes", 20);
        _app.MapPost("/fail", () => Results.StatusCode(503)).RequireQuota("lifetime-imports");
        _app.MapPost("/throw", IResult () => throw new InvalidOperationException("boom")).RequireQuota("lifetime-imports");
        _app.MapGet("/sso", () => "sso").RequireFeature("sso");
        _app.MapGet("/seats", () => "seat").RequireQuota("seats");
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? tenant)
    {
        using var request = new HttpRequestMessage(method, path);
        if (tenant is not null)
        {
            request.Headers.Add("X-Tenant", tenant);
        }

        return await _client.SendAsync(request);
    }

    private static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
        var json = JsonDocument.Parse(body).RootElement;
        json.GetProperty("type").GetString().Should().Be(type);
        json.GetProperty("detail").GetString().Should().NotBeNullOrWhiteSpace();
        return json;
    }

    [Fact]
    public async Task A_rate_quota_answers_429_with_retry_after_at_the_next_period_and_quota_headers()
    {
        for (var i = 0; i < 100; i++)
        {
            using var ok = await SendAsync(HttpMethod.Get, "/api", "acme");
            ok.StatusCode.Should().Be(HttpStatusCode.OK);
            ok.Headers.GetValues(QuotaHeaders.Remaining).Single().Should().Be((99 - i).ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using var denied = await SendAsync(HttpMethod.Get, "/api", "acme");

        var problem = await ProblemAsync(denied, HttpStatusCode.TooManyRequests, BillingProblemTypes.QuotaExceeded);
        problem.GetProperty("meter").GetString().Should().Be("api-requests");
        denied.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromHours(12));
        denied.Headers.GetValues(QuotaHeaders.Limit).Single().Should().Be("100");
        denied.Headers.GetValues(QuotaHeaders.Reset).Single().Should().Be("43200");
        _calls.Should().Be(100, "a refused request never reaches the endpoint");
    }

    [Fact]
    public async Task One_tenant_hitting_its_quota_does_not_limit_another()
    {
        using (await SendAsync(HttpMethod.Post, "/reports", "acme"))
        using (await SendAsync(HttpMethod.Post, "/reports", "acme"))
        using (var third = await SendAsync(HttpMethod.Post, "/reports", "acme"))
        {
            third.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        }

        using var globex = await SendAsync(HttpMethod.Post, "/reports", "globex");
        globex.StatusCode.Should().Be(HttpStatusCode.OK);
        globex.Headers.GetValues(QuotaHeaders.Remaining).Single().Should().Be("6");
    }

    [Fact]
    public async Task A_plan_limit_on_a_gauge_answers_403_without_retry_after()
    {
        using var denied = await SendAsync(HttpMethod.Post, "/upload", "acme");

        await ProblemAsync(denied, HttpStatusCode.Forbidden, BillingProblemTypes.PlanLimitReached);
        denied.Headers.RetryAfter.Should().BeNull();
        using var globex = await SendAsync(HttpMethod.Post, "/upload", "globex");
        globex.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_failed_endpoint_gives_its_units_back()
    {
        for (var i = 0; i < 5; i++)
        {
            using var failed = await SendAsync(HttpMethod.Post, "/fail", "acme");
            failed.StatusCode.Should().Be(HttpStatusCode.ServiceUnavailable);
            var thrown = async () => await SendAsync(HttpMethod.Post, "/throw", "acme");
            await thrown.Should().ThrowAsync<InvalidOperationException>("the test server lets the endpoint's exception through");
        }

        var usage = await _app.Services.GetRequiredService<IQuotaGuard>().GetUsageAsync(Tenants.Acme);
        usage.Single(u => u.Meter == "lifetime-imports").Used.Should().Be(0);
    }

    [Fact]
    public async Task A_feature_outside_the_plan_answers_403_and_inside_the_plan_passes()
    {
        using var free = await SendAsync(HttpMethod.Get, "/sso", "acme");
        using var pro = await SendAsync(HttpMethod.Get, "/sso", "pro-co");

        (await ProblemAsync(free, HttpStatusCode.Forbidden, BillingProblemTypes.NotInPlan)).GetProperty("feature").GetString().Should().Be("sso");
        pro.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_meter_outside_the_plan_an_unknown_plan_and_a_missing_tenant_are_problems_not_500()
    {
        using var notInPlan = await SendAsync(HttpMethod.Get, "/seats", "acme");
        using var badPlan = await SendAsync(HttpMethod.Get, "/api", "badplan");
        using var anonymous = await SendAsync(HttpMethod.Get, "/api", null);

        await ProblemAsync(notInPlan, HttpStatusCode.Forbidden, BillingProblemTypes.NotInPlan);
        await ProblemAsync(badPlan, HttpStatusCode.Forbidden, BillingProblemTypes.UnknownPlan);
        anonymous.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public void An_endpoint_naming_an_unknown_meter_or_a_bad_amount_fails_when_built()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var bad = () => builder.Build().MapGet("/x", () => "x").RequireQuota("api-requests", 0);

        bad.Should().Throw<ArgumentOutOfRangeException>();
    }
}
