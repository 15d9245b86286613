using BenchmarkDotNet.Attributes;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;
using Tenancy.Stores;

namespace Tenancy.Core.Benchmarks;

/// <summary>
/// The lookup itself: one strategy finds the key in the request and the store (directly, or through the cache in front
/// of a store that can only answer asynchronously) finds the tenant, through <see cref="TenantResolver"/>.
/// </summary>
[MemoryDiagnoser]
public class LookupBenchmarks
{
    private TenantResolver _host = null!;
    private TenantResolver _customDomain = null!;
    private TenantResolver _header = null!;
    private TenantResolver _path = null!;
    private TenantResolver _claim = null!;
    private TenantRequestView _hostRequest;
    private TenantRequestView _customDomainRequest;
    private TenantRequestView _headerRequest;
    private TenantRequestView _pathRequest;
    private TenantRequestView _claimRequest;
    private Dictionary<string, TenantInfo> _plain = null!;
    private string _plainKey = null!;

    /// <summary>How many tenants the store holds.</summary>
    [ParamsSource(typeof(Tenancy.Benchmarks.BenchmarkScale), nameof(Tenancy.Benchmarks.BenchmarkScale.Tenants))]
    public int Tenants { get; set; }

    /// <summary>In memory (frozen dictionaries) or cached in front of an asynchronous store.</summary>
    [Params("in-memory", "cached")]
    public string Store { get; set; } = "in-memory";

    [GlobalSetup]
    public void Setup()
    {
        var inMemory = TenantFixture.Store(Tenants);
        ITenantStore store = Store == "cached" ? new CachingTenantStore(new TenantFixture.RemoteStore(inMemory)) : inMemory;
        _host = Resolver(store, new HostTenantStrategy("{tenant}.example.com"));
        _customDomain = Resolver(store, new HostTenantStrategy("{tenant}.example.com"));
        _header = Resolver(store, new HeaderTenantStrategy());
        _path = Resolver(store, new PathTenantStrategy());
        _claim = Resolver(store, new ClaimTenantStrategy());
        _hostRequest = TenantFixture.HostRequest(Tenants).ToView();
        _customDomainRequest = TenantFixture.CustomDomainRequest(Tenants).ToView();
        _headerRequest = TenantFixture.HeaderRequest(Tenants).ToView();
        _pathRequest = TenantFixture.PathRequest(Tenants).ToView();
        _claimRequest = TenantFixture.ClaimRequest(Tenants).ToView();

        _plainKey = $"tenant{TenantFixture.Target(Tenants)}";
        _plain = new Dictionary<string, TenantInfo>(StringComparer.OrdinalIgnoreCase) { [_plainKey] = inMemory.FindByIdentifierAsync(_plainKey).Result! };

        // Warm the cache (and check every benchmark resolves).
        foreach (var (resolver, request) in new[] { (_host, _hostRequest), (_customDomain, _customDomainRequest), (_header, _headerRequest), (_path, _pathRequest), (_claim, _claimRequest) })
        {
            var result = resolver.ResolveAsync(request).AsTask().GetAwaiter().GetResult();
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Benchmark set-up did not resolve: {result.Outcome}.");
            }
        }
    }

    /// <summary>
    /// The floor: one case-insensitive dictionary lookup of a string the request already holds, with no parsing,
    /// validation or policy. Its ratio shows what resolution adds, whatever the load on the machine.
    /// </summary>
    [Benchmark(Baseline = true)]
    public TenantInfo? PlainDictionary() => _plain.GetValueOrDefault(_plainKey);

    [Benchmark]
    public TenantInfo? Host() => Resolve(_host, _hostRequest);

    [Benchmark]
    public TenantInfo? CustomDomain() => Resolve(_customDomain, _customDomainRequest);

    [Benchmark]
    public TenantInfo? Header() => Resolve(_header, _headerRequest);

    [Benchmark]
    public TenantInfo? Path() => Resolve(_path, _pathRequest);

    [Benchmark]
    public TenantInfo? Claim() => Resolve(_claim, _claimRequest);

    private static TenantInfo? Resolve(TenantResolver resolver, TenantRequestView request)
    {
        var pending = resolver.ResolveAsync(request);
        return pending.IsCompletedSuccessfully ? pending.Result.Tenant : pending.AsTask().GetAwaiter().GetResult().Tenant;
    }

    private static TenantResolver Resolver(ITenantStore store, ITenantResolutionStrategy strategy) => new([strategy], store);
}
