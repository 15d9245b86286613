using System.Text;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tenancy.Platform.Benchmarks;

/// <summary>
/// A POST through the whole pipeline on the test server (tenant by header): without an Idempotency-Key, and a retry
/// with one that replays the stored response from the in-process distributed cache.
/// </summary>
[MemoryDiagnoser]
public class IdempotencyBenchmarks
{
    private WebApplication _app = null!;
    private HttpClient _client = null!;
    private readonly byte[] _body = Encoding.UTF8.GetBytes("{\"sku\":42,\"quantity\":1}");

    [GlobalSetup]
    public void Setup()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddTenancy(t => t.WithInMemoryStore(new TenantInfo("acme", "acme", "Acme")).FromHeader("X-Tenant").AddIdempotency());
        _app = builder.Build();
        _app.UseRouting();
        _app.UseTenancy();
        _app.UseTenancyIdempotency();
        _app.MapPost("/orders", () => Results.Json(new { id = 1, status = "created" }, statusCode: 201));
        _app.StartAsync().GetAwaiter().GetResult();
        _client = _app.GetTestClient();
        using var first = Send(withKey: true).GetAwaiter().GetResult();
        using var replay = Send(withKey: true).GetAwaiter().GetResult();
        if (!replay.Headers.Contains("Idempotency-Replayed"))
        {
            throw new InvalidOperationException("The retry was not replayed.");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _app.StopAsync().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true)]
    public async Task<int> PostWithoutKey()
    {
        using var response = await Send(withKey: false);
        return (int)response.StatusCode;
    }

    [Benchmark]
    public async Task<int> RetryReplayed()
    {
        using var response = await Send(withKey: true);
        return (int)response.StatusCode;
    }

    private Task<HttpResponseMessage> Send(bool withKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/orders") { Content = new ByteArrayContent(_body) };
        request.Headers.TryAddWithoutValidation("X-Tenant", "acme");
        if (withKey)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", "order-42");
        }

        return _client.SendAsync(request);
    }
}
