using System.Collections.Frozen;
using BenchmarkDotNet.Attributes;
using Tenancy;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;
using Tenancy.Stores;

namespace Tenancy.Core.Benchmarks;

/// <summary>
/// Where a resolution's time goes, one stage at a time, for the host strategy (the slowest) at the store size chosen
/// by <c>TENANCY_BENCH_TENANTS</c>: parse (the strategy reads the key out of the request view), validate (the key's
/// syntax and reserved words), hash (the case-insensitive hash of the key's characters that the frozen dictionary
/// computes), lookup (the store's span lookup, hash included), status check, and context write (making the tenant
/// current for a request and restoring the host context). <c>Resolve</c> is the whole resolver for comparison.
/// </summary>
[MemoryDiagnoser]
public class StageBenchmarks
{
    private readonly AmbientCurrentTenant _current = AmbientCurrentTenant.Instance;
    private HostTenantStrategy _host = null!;
    private Baselines.PreviousHostTenantStrategy _previousHost = null!;
    private HeaderTenantStrategy _header = null!;
    private TenantResolver _resolver = null!;
    private InMemoryTenantStore _store = null!;
    private TenantRequestView _hostRequest;
    private TenantRequestView _headerRequest;
    private TenantRequestView _domainRequest;
    private string _identifier = null!;
    private string _domain = null!;
    private TenantInfo _tenant = null!;
    private FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> _reserved;
    private TenantKeySyntax.ReservedWords _configuredReserved = null!;

    [ParamsSource(typeof(Tenancy.Benchmarks.BenchmarkScale), nameof(Tenancy.Benchmarks.BenchmarkScale.Tenants))]
    public int Tenants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _store = TenantFixture.Store(Tenants);
        _host = new HostTenantStrategy("{tenant}.example.com");
        _previousHost = new Baselines.PreviousHostTenantStrategy("{tenant}.example.com");
        _header = new HeaderTenantStrategy();
        _resolver = new TenantResolver([_host], _store);
        _hostRequest = TenantFixture.HostRequest(Tenants).ToView();
        _headerRequest = TenantFixture.HeaderRequest(Tenants).ToView();
        _domainRequest = TenantFixture.CustomDomainRequest(Tenants).ToView();
        _identifier = $"tenant{TenantFixture.Target(Tenants)}";
        _domain = _identifier + ".example.org";
        _store.TryFindByIdentifier(_identifier, out var tenant);
        _tenant = tenant ?? throw new InvalidOperationException("Set-up did not find the tenant.");
        _reserved = new[] { "blog", "shop" }.ToFrozenSet(StringComparer.OrdinalIgnoreCase).GetAlternateLookup<ReadOnlySpan<char>>();
        _configuredReserved = new TenantKeySyntax.ReservedWords(["blog", "shop"]);
    }

    /// <summary>Parse: the host strategy finds the subdomain label (port, trailing dot, host-name syntax, template).</summary>
    [Benchmark]
    public int ParseHost() => _host.GetCandidate(_hostRequest).Value.Length;

    /// <summary>Parse: the host strategy on a custom domain.</summary>
    [Benchmark]
    public int ParseCustomDomain() => _host.GetCandidate(_domainRequest).Value.Length;

    /// <summary>Parse, before the issue-15 hot-path work: port, trailing dot, a loop per character, then the template.</summary>
    [Benchmark]
    public int ParseHostPrevious() => _previousHost.GetCandidate(_hostRequest).Value.Length;

    /// <summary>Parse a custom domain, before the issue-15 hot-path work.</summary>
    [Benchmark]
    public int ParseCustomDomainPrevious() => _previousHost.GetCandidate(_domainRequest).Value.Length;

    /// <summary>Parse: the header strategy (one header lookup, trim).</summary>
    [Benchmark]
    public int ParseHeader() => _header.GetCandidate(_headerRequest).Value.Length;

    /// <summary>Validate: identifier syntax, built-in reserved words and the configured reserved set, as the resolver does it.</summary>
    [Benchmark]
    public bool ValidateIdentifier() =>
        TenantIdentifier.IsValid(_identifier, ignoreCase: true) && !TenantKeySyntax.BuiltInReserved.Contains(_identifier) && !_configuredReserved.Contains(_identifier);

    /// <summary>Validate, before the issue-15 hot-path work: the same loop per character and two frozen-set lookups without a length filter.</summary>
    [Benchmark]
    public bool ValidateIdentifierPrevious() =>
        TenantIdentifier.IsValid(_identifier, ignoreCase: true) && !TenantIdentifier.IsReserved(_identifier) && !_reserved.Contains(_identifier);

    /// <summary>Validate: host-name syntax of a custom domain, as the resolver does it.</summary>
    [Benchmark]
    public bool ValidateDomain() => TenantKeySyntax.IsDomain(_domain);

    /// <summary>Validate a domain, before the issue-15 hot-path work (a loop per character).</summary>
    [Benchmark]
    public bool ValidateDomainPrevious() => TenantDomain.IsValid(_domain);

    /// <summary>Hash: the case-insensitive hash of the key's characters.</summary>
    [Benchmark]
    public int Hash() => string.GetHashCode(_identifier.AsSpan(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Lookup: the store's span lookup by identifier (hash, bucket, case-insensitive compare).</summary>
    [Benchmark]
    public TenantInfo? LookupIdentifier()
    {
        _store.TryFindByIdentifier(_identifier, out var tenant);
        return tenant;
    }

    /// <summary>Lookup: the store's span lookup by custom domain.</summary>
    [Benchmark]
    public TenantInfo? LookupDomain()
    {
        _store.TryFindByDomain(_domain, out var tenant);
        return tenant;
    }

    /// <summary>Status check: whether the tenant may be served.</summary>
    [Benchmark]
    public bool StatusCheck() => _tenant.IsActive;

    /// <summary>Context write: make the tenant current for a request (what the middleware does) and restore the host context.</summary>
    [Benchmark]
    public Task ContextWrite() => _current.RunAsync(_tenant, static _ => Task.CompletedTask, 0);

    /// <summary>Context write through a scope: <c>Begin</c> + dispose from the host context (a frame per scope as its token).</summary>
    [Benchmark]
    public TenantInfo? ContextScope()
    {
        using (_current.Begin(_tenant))
        {
            return _current.Tenant;
        }
    }

    /// <summary>The whole resolver (host strategy, in-memory store), for comparison with the sum of the stages.</summary>
    [Benchmark]
    public TenantInfo? Resolve() => _resolver.ResolveAsync(_hostRequest).Result.Tenant;
}
