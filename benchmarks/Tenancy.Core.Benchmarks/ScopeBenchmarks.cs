using BenchmarkDotNet.Attributes;
using Tenancy;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;

namespace Tenancy.Core.Benchmarks;

/// <summary>
/// The ambient context: beginning and ending a scope from the host context (what the middleware does per request) and
/// nested in another; and resolution with several strategies that all name the tenant (every source is checked for
/// agreement) against the same request resolved first-wins.
/// </summary>
[MemoryDiagnoser]
public class ScopeBenchmarks
{
    private readonly AmbientCurrentTenant _current = AmbientCurrentTenant.Instance;
    private readonly TenantInfo _acme = new("t-acme", "acme", "Acme");
    private readonly TenantInfo _globex = new("t-globex", "globex", "Globex");
    private TenantResolver _agreement = null!;
    private TenantResolver _firstWins = null!;
    private TenantRequestView _request;

    [GlobalSetup]
    public void Setup()
    {
        var store = TenantFixture.Store(10_000);
        ITenantResolutionStrategy[] strategies = [new HostTenantStrategy("{tenant}.example.com"), new HeaderTenantStrategy(), new PathTenantStrategy()];
        _agreement = new TenantResolver(strategies, store);
        _firstWins = new TenantResolver(strategies, store, Microsoft.Extensions.Options.Options.Create(new TenancyOptions { RequireAgreementBetweenSources = false }));
        var target = $"tenant{TenantFixture.Target(10_000)}";
        _request = new TenantRequest
        {
            Host = target + ".example.com",
            Path = "/" + target + "/orders",
            Headers = new Dictionary<string, Microsoft.Extensions.Primitives.StringValues>(StringComparer.OrdinalIgnoreCase) { ["X-Tenant"] = target },
        }.ToView();
        if (_agreement.ResolveAsync(_request).Result.Tenant is null || _firstWins.ResolveAsync(_request).Result.Tenant is null)
        {
            throw new InvalidOperationException("Set-up did not resolve.");
        }
    }

    [Benchmark]
    public TenantInfo? BeginFromHost()
    {
        using (_current.Begin(_acme))
        {
            return _current.Tenant;
        }
    }

    [Benchmark]
    public TenantInfo? BeginNested()
    {
        using (_current.Begin(_acme))
        using (_current.Begin(_globex))
        {
            return _current.Tenant;
        }
    }

    [Benchmark]
    public TenantInfo? ThreeSourcesAgreement() => _agreement.ResolveAsync(_request).Result.Tenant;

    [Benchmark]
    public TenantInfo? ThreeSourcesFirstWins() => _firstWins.ResolveAsync(_request).Result.Tenant;
}
