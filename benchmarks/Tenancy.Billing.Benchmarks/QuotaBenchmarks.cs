using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Billing.Quotas;

namespace Tenancy.Billing.Benchmarks;

/// <summary>
/// <c>TryConsumeAsync</c> per call: in process (lock-free, synchronous), and on Redis with leasing (blocks of 1,000) and
/// without (one Lua round trip per call). Redis needs TENANCY_TEST_REDIS (./eng/dev-services.sh).
/// </summary>
[MemoryDiagnoser]
public class QuotaBenchmarks
{
    private ServiceProvider _inProcess = null!;
    private ServiceProvider? _leased;
    private ServiceProvider? _direct;
    private IQuotaGuard _inProcessGuard = null!;
    private IQuotaGuard? _leasedGuard;
    private IQuotaGuard? _directGuard;

    [GlobalSetup]
    public void Setup()
    {
        _inProcess = Build(null);
        _inProcessGuard = _inProcess.GetRequiredService<IQuotaGuard>();
        if (Environment.GetEnvironmentVariable("TENANCY_TEST_REDIS") is { Length: > 0 } redis)
        {
            var prefix = "bench:" + Guid.NewGuid().ToString("N")[..8] + ":";
            _leased = Build(b => b.UseRedis(redis, o => { o.KeyPrefix = prefix + "l:"; o.LeaseBlockSize = 1000; }));
            _direct = Build(b => b.UseRedis(redis, o => o.KeyPrefix = prefix + "d:"));
            _leasedGuard = _leased.GetRequiredService<IQuotaGuard>();
            _directGuard = _direct.GetRequiredService<IQuotaGuard>();
        }
    }

    internal static ServiceProvider Build(Action<BillingBuilder>? configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTenancy(t => t.WithInMemoryStore(BenchmarkPlans.Tenant)).AddTenancyBilling(b =>
        {
            b.UsePlans(BenchmarkPlans.Configure);
            configure?.Invoke(b);
        });
        return services.BuildServiceProvider();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _inProcess.Dispose();
        _leased?.Dispose();
        _direct?.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = 1000)]
    public long InProcess()
    {
        long granted = 0;
        for (var i = 0; i < 1000; i++)
        {
            var pending = _inProcessGuard.TryConsumeAsync(BenchmarkPlans.Tenant, "api");
            granted += pending.Result.Granted ? 1 : 0;
        }

        return granted;
    }

    [Benchmark(OperationsPerInvoke = 1000)]
    public async Task<long> RedisLeased()
    {
        long granted = 0;
        for (var i = 0; i < 1000; i++)
        {
            granted += (await _leasedGuard!.TryConsumeAsync(BenchmarkPlans.Tenant, "api")).Granted ? 1 : 0;
        }

        return granted;
    }

    [Benchmark(OperationsPerInvoke = 100)]
    public async Task<long> RedisDirect()
    {
        long granted = 0;
        for (var i = 0; i < 100; i++)
        {
            granted += (await _directGuard!.TryConsumeAsync(BenchmarkPlans.Tenant, "api")).Granted ? 1 : 0;
        }

        return granted;
    }
}
