using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tenancy.Billing.Benchmarks;

/// <summary>The time <c>RequireQuota</c> adds to a request: the same endpoint with and without the filter, through the in-memory test server.</summary>
[MemoryDiagnoser]
public class FilterBenchmarks
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddTenancy(t => t.FromHeader("X-Tenant").WithInMemoryStore(BenchmarkPlans.Tenant))
            .AddTenancyBilling(b => b.UsePlans(BenchmarkPlans.Configure));
        _app = builder.Build();
        _app.UseTenancy();
        _app.MapGet("/plain", () => "ok");
        _app.MapGet("/quota", () => "ok").RequireQuota("api");
        _app.StartAsync().GetAwaiter().GetResult();
        _client = _app.GetTestClient();
        _client.DefaultRequestHeaders.Add("X-Tenant", "bench");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> WithoutFilter() => (await _client.GetAsync("/plain")).Content.Headers.ContentLength is { } n ? (int)n : 0;

    [Benchmark]
    public async Task<int> WithRequireQuota() => (await _client.GetAsync("/quota")).Content.Headers.ContentLength is { } n ? (int)n : 0;
}
