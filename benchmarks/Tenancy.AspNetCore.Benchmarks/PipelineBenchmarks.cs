using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tenancy.AspNetCore.Benchmarks;

/// <summary>
/// One HTTP request through the whole ASP.NET Core pipeline on the test server (routing, an endpoint), with and
/// without <c>UseTenancy()</c>. The claim variant sets an already-authenticated principal in both pipelines.
/// </summary>
[MemoryDiagnoser]
public class PipelineBenchmarks
{
    private WebApplication _baseline = null!;
    private WebApplication _tenancy = null!;
    private HttpClient _baselineClient = null!;
    private HttpClient _tenancyClient = null!;
    private TenantInfo _target = null!;

    [Params("host", "header", "path", "claim")]
    public string Strategy { get; set; } = "host";

    [Params(10, 10_000, 1_000_000)]
    public int Tenants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _target = BenchmarkTenants.Target(Tenants);
        var store = BenchmarkTenants.CreateStore(Tenants);
        _baseline = Build(tenancy: null);
        _tenancy = Build(t => BenchmarkTenants.AddStrategy(t.WithStore(_ => store), Strategy));
        _baselineClient = _baseline.GetTestClient();
        _tenancyClient = _tenancy.GetTestClient();
        using (var response = Send(_baselineClient, baseline: true).GetAwaiter().GetResult())
        {
            response.EnsureSuccessStatusCode();
        }

        using (var response = Send(_tenancyClient).GetAwaiter().GetResult())
        {
            response.EnsureSuccessStatusCode();
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _baselineClient.Dispose();
        _tenancyClient.Dispose();
        _baseline.StopAsync().GetAwaiter().GetResult();
        _tenancy.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task WithoutTenancy()
    {
        using var response = await Send(_baselineClient, baseline: true);
    }

    [Benchmark]
    public async Task WithTenancy()
    {
        using var response = await Send(_tenancyClient);
    }

    /// <summary>Sends the request; the baseline application, which has no tenant segment to strip, gets <c>/orders</c> for the path strategy.</summary>
    private Task<HttpResponseMessage> Send(HttpClient client, bool baseline = false)
    {
        var path = Strategy == "path" && !baseline ? $"/{_target.Identifier}/orders" : "/orders";
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = Strategy == "host" ? $"{_target.Identifier}.example.com" : "app.example.net";
        if (Strategy == "header")
        {
            request.Headers.Add(BenchmarkTenants.HeaderName, _target.Identifier);
        }

        return client.SendAsync(request);
    }

    private WebApplication Build(Action<TenancyBuilder>? tenancy)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        if (tenancy is not null)
        {
            builder.Services.AddTenancy(tenancy);
        }

        var app = builder.Build();
        var principal = BenchmarkTenants.Principal(_target);
        if (Strategy == "claim")
        {
            app.Use((context, next) =>
            {
                context.User = principal; // Stands in for an authentication handler that already ran.
                return next(context);
            });
        }

        app.UseRouting();
        if (tenancy is not null)
        {
            app.UseTenancy();
        }

        app.MapGet("/orders", () => "orders");
        app.StartAsync().GetAwaiter().GetResult();
        return app;
    }
}
