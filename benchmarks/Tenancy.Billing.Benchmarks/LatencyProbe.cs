using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Billing.Quotas;

namespace Tenancy.Billing.Benchmarks;

/// <summary>
/// <c>--latency</c>: per-call latency percentiles of <c>TryConsumeAsync</c> on Redis without leasing (one Lua round trip
/// each), sequential calls after a warm-up, and the throughput of 16 concurrent callers with leasing.
/// </summary>
public static class LatencyProbe
{
    public static async Task RunAsync()
    {
        var redis = Environment.GetEnvironmentVariable("TENANCY_TEST_REDIS") is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException("TENANCY_TEST_REDIS is not set: start Redis with ./eng/dev-services.sh and source .services/env.sh.");
        var prefix = "bench:" + Guid.NewGuid().ToString("N")[..8] + ":";
        await using var direct = QuotaBenchmarks.Build(b => b.UseRedis(redis, o => o.KeyPrefix = prefix + "d:"));
        var guard = direct.GetRequiredService<IQuotaGuard>();
        for (var i = 0; i < 2_000; i++)
        {
            await guard.TryConsumeAsync(BenchmarkPlans.Tenant, "api");
        }

        const int calls = 20_000;
        var samples = new double[calls];
        for (var i = 0; i < calls; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await guard.TryConsumeAsync(BenchmarkPlans.Tenant, "api");
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(samples);
        Console.WriteLine($"Redis without leasing, {calls} sequential calls: p50 {samples[calls / 2]:F0} µs, p99 {samples[(int)(calls * 0.99)]:F0} µs, p99.9 {samples[(int)(calls * 0.999)]:F0} µs, max {samples[^1]:F0} µs");

        await using var leased = QuotaBenchmarks.Build(b => b.UseRedis(redis, o => { o.KeyPrefix = prefix + "l:"; o.LeaseBlockSize = 1000; }));
        var leasedGuard = leased.GetRequiredService<IQuotaGuard>();
        await leasedGuard.TryConsumeAsync(BenchmarkPlans.Tenant, "api");
        const int perWorker = 200_000;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            for (var i = 0; i < perWorker; i++)
            {
                await leasedGuard.TryConsumeAsync(BenchmarkPlans.Tenant, "api");
            }
        })));
        clock.Stop();
        Console.WriteLine($"Redis with leasing (block 1000), 16 concurrent callers: {16.0 * perWorker / clock.Elapsed.TotalSeconds:N0} consumes/s");
    }
}
