using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.AspNetCore.Benchmarks.Baselines;
using Tenancy.AspNetCore.Http;
using Tenancy.Resolution;

namespace Tenancy.AspNetCore.Benchmarks;

/// <summary>
/// One request through <c>UseTenancy()</c> on a reused <see cref="DefaultHttpContext"/>, against the same pipeline
/// without tenancy. The endpoint reads the current tenant, as tenant-aware code does.
/// </summary>
[MemoryDiagnoser]
public class MiddlewareBenchmarks
{
    private DefaultHttpContext _context = null!;
    private RequestDelegate _baseline = null!;
    private RequestDelegate _tenancy = null!;
    private RequestDelegate _previous = null!;
    private ServiceProvider _services = null!;
    private ITenantResolver _resolver = null!;

    [Params("host", "domain", "header", "path", "claim")]
    public string Strategy { get; set; } = "host";

    [ParamsSource(typeof(Tenancy.Benchmarks.BenchmarkScale), nameof(Tenancy.Benchmarks.BenchmarkScale.Tenants))]
    public int Tenants { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var store = BenchmarkTenants.CreateStore(Tenants);
        var services = new ServiceCollection().AddLogging();
        services.AddTenancy(t => BenchmarkTenants.AddStrategy(t.WithStore(_ => store), Strategy));
        _services = services.BuildServiceProvider();
        var current = _services.GetRequiredService<ICurrentTenant>();
        _resolver = _services.GetRequiredService<ITenantResolver>();
        RequestDelegate endpoint = _ => current.Tenant is null ? Task.CompletedTask : Task.CompletedTask; // Reads the tenant in both pipelines.

        var tenancy = new ApplicationBuilder(_services);
        tenancy.UseTenancy();
        tenancy.Run(endpoint);
        _tenancy = tenancy.Build();
        _baseline = new ApplicationBuilder(_services).Use(next => endpoint).Build();
        var previous = new ApplicationBuilder(_services);
        previous.UseMiddleware<PreviousTenantResolutionMiddleware>(new TenantRouting(false));
        previous.Run(endpoint);
        _previous = previous.Build();

        var target = BenchmarkTenants.Target(Tenants);
        _context = new DefaultHttpContext { RequestServices = _services };
        if (Strategy == "claim")
        {
            _context.User = BenchmarkTenants.Principal(target);
        }

        BenchmarkTenants.NameTenant(_context.Request, Strategy, target);
        var seen = default(TenantInfo);
        var check = new ApplicationBuilder(_services);
        check.UseTenancy();
        check.Run(_ =>
        {
            seen = current.Tenant;
            return Task.CompletedTask;
        });
        check.Build()(_context).GetAwaiter().GetResult();
        if (_context.Response.StatusCode != StatusCodes.Status200OK || seen?.Id != target.Id)
        {
            throw new InvalidOperationException($"Set-up request answered {_context.Response.StatusCode} with tenant {seen?.Id ?? "none"}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public Task WithoutTenancy() => _baseline(_context);

    /// <summary>Tenancy.Core's share: the resolver alone (strategies, validation, store lookup) over the same request.</summary>
    [Benchmark]
    public TenantInfo? ResolverOnly() => _resolver.ResolveAsync(HttpContextTenantRequestReader.CreateView(_context)).GetAwaiter().GetResult().Tenant;

    [Benchmark]
    public Task WithTenancy() => _tenancy(_context);

    /// <summary>
    /// The middleware as it was before the issue-15 hot-path work (<see cref="PreviousTenantResolutionMiddleware"/>) over
    /// today's resolver, so the middleware's own change is seen in one process (the resolver's is in the Core suite).
    /// </summary>
    [Benchmark]
    public Task WithPreviousMiddleware() => _previous(_context);
}
