using BenchmarkDotNet.Attributes;
using Tenancy.Core.Benchmarks.Baselines;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;

namespace Tenancy.Core.Benchmarks;

/// <summary>
/// Before/after in one process: <see cref="TenantResolver"/> and its strategies against the copies of main before the
/// issue-15 hot-path work (<see cref="PreviousTenantResolver"/> and <see cref="PreviousHostTenantStrategy"/>, commit
/// 161b649; the header, path and claim strategies did not change) over the same store and requests, so a busy machine
/// slows both alike. In-memory store at the sizes of <c>TENANCY_BENCH_TENANTS</c>.
/// </summary>
[MemoryDiagnoser]
public class ResolverComparisonBenchmarks
{

    [ParamsSource(typeof(Tenancy.Benchmarks.BenchmarkScale), nameof(Tenancy.Benchmarks.BenchmarkScale.Tenants))]
    public int Tenants { get; set; }

    [Params("host", "domain", "header", "path", "claim")]
    public string Strategy { get; set; } = "host";

    private ITenantResolver _previous = null!;
    private ITenantResolver _current = null!;
    private TenantRequestView _request;

    [GlobalSetup]
    public void Setup()
    {
        var store = TenantFixture.Store(Tenants);
        ITenantResolutionStrategy strategy = Strategy switch
        {
            "host" or "domain" => new HostTenantStrategy("{tenant}.example.com"),
            "header" => new HeaderTenantStrategy(),
            "path" => new PathTenantStrategy(),
            _ => new ClaimTenantStrategy(),
        };
        var previousStrategy = strategy is HostTenantStrategy ? new PreviousHostTenantStrategy("{tenant}.example.com") : strategy;
        _request = (Strategy switch
        {
            "host" => TenantFixture.HostRequest(Tenants),
            "domain" => TenantFixture.CustomDomainRequest(Tenants),
            "header" => TenantFixture.HeaderRequest(Tenants),
            "path" => TenantFixture.PathRequest(Tenants),
            _ => TenantFixture.ClaimRequest(Tenants),
        }).ToView();
        _previous = new PreviousTenantResolver([previousStrategy], store);
        _current = new TenantResolver([strategy], store);
        if (Previous() is null || Current() is null)
        {
            throw new InvalidOperationException("Set-up did not resolve.");
        }
    }

    [Benchmark(Baseline = true)]
    public TenantInfo? Previous() => _previous.ResolveAsync(_request).Result.Tenant;

    [Benchmark]
    public TenantInfo? Current() => _current.ResolveAsync(_request).Result.Tenant;
}
