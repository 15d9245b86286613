using BenchmarkDotNet.Attributes;
using Tenancy.Stores;

namespace Tenancy.Core.Benchmarks;

/// <summary>The cached store's hit path on its own, by identifier, domain and id, synchronous and asynchronous.</summary>
[MemoryDiagnoser]
public class CacheBenchmarks
{
    private CachingTenantStore _cache = null!;
    private string _identifier = null!;
    private string _domain = null!;
    private string _id = null!;

    /// <summary>How many tenants the store behind the cache holds.</summary>
    [Params(10, 10_000, 1_000_000)]
    public int Tenants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _cache = new CachingTenantStore(new TenantFixture.RemoteStore(TenantFixture.Store(Tenants)));
        var target = TenantFixture.Target(Tenants);
        _identifier = $"tenant{target}";
        _domain = $"tenant{target}.example.org";
        _id = $"t-{target:D7}";
        _ = _cache.FindByIdentifierAsync(_identifier).AsTask().GetAwaiter().GetResult() ?? throw new InvalidOperationException("Not found.");
        _ = _cache.FindByDomainAsync(_domain).AsTask().GetAwaiter().GetResult() ?? throw new InvalidOperationException("Not found.");
        _ = _cache.FindByIdAsync(_id).AsTask().GetAwaiter().GetResult() ?? throw new InvalidOperationException("Not found.");
    }

    [Benchmark]
    public TenantInfo? SpanHitByIdentifier()
    {
        _cache.TryFindByIdentifier(_identifier.AsSpan(), out var tenant);
        return tenant;
    }

    [Benchmark]
    public TenantInfo? SpanHitByDomain()
    {
        _cache.TryFindByDomain(_domain.AsSpan(), out var tenant);
        return tenant;
    }

    [Benchmark]
    public TenantInfo? SpanHitById()
    {
        _cache.TryFindById(_id.AsSpan(), out var tenant);
        return tenant;
    }

    [Benchmark]
    public TenantInfo? AsyncHitByIdentifier()
    {
        var pending = _cache.FindByIdentifierAsync(_identifier);
        return pending.IsCompletedSuccessfully ? pending.Result : null;
    }
}
