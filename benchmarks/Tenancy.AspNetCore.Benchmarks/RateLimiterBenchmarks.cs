using System.Net;
using System.Security.Claims;
using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Tenancy.AspNetCore.Benchmarks;

/// <summary>
/// One request through <c>UseTenancy()</c> + <c>UseTenancyRateLimiter()</c> on a reused <see cref="DefaultHttpContext"/>
/// (header strategy, limits far above what the run uses), for an authenticated caller (partitioned by its <c>sub</c>)
/// and an anonymous one (partitioned by its address), against <c>UseTenancy()</c> alone.
/// </summary>
[MemoryDiagnoser]
public class RateLimiterBenchmarks
{
    private DefaultHttpContext _context = null!;
    private RequestDelegate _tenancy = null!;
    private RequestDelegate _limited = null!;
    private ServiceProvider _services = null!;

    [Params("authenticated", "anonymous")]
    public string Caller { get; set; } = "authenticated";

    [GlobalSetup]
    public void Setup()
    {
        var store = BenchmarkTenants.CreateStore(10_000);
        var services = new ServiceCollection().AddLogging();
        services.AddTenancy(t => t.WithStore(_ => store).FromHeader(BenchmarkTenants.HeaderName)
            .AddTenancyRateLimiter(o => o.SetDefault(new TokenBucketRateLimiterOptions
            {
                TokenLimit = int.MaxValue, TokensPerPeriod = int.MaxValue, ReplenishmentPeriod = TimeSpan.FromMilliseconds(1),
            })));
        _services = services.BuildServiceProvider();
        RequestDelegate endpoint = _ => Task.CompletedTask;

        var tenancy = new ApplicationBuilder(_services);
        tenancy.UseTenancy();
        tenancy.Run(endpoint);
        _tenancy = tenancy.Build();

        var limited = new ApplicationBuilder(_services);
        limited.UseTenancy();
        limited.UseTenancyRateLimiter();
        limited.Run(endpoint);
        _limited = limited.Build();

        _context = new DefaultHttpContext { RequestServices = _services };
        _context.Connection.RemoteIpAddress = IPAddress.Parse("2001:db8::1");
        if (Caller == "authenticated")
        {
            _context.User = new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", "user-1")], "bench"));
        }

        BenchmarkTenants.NameTenant(_context.Request, "header", BenchmarkTenants.Target(10_000));
        _limited(_context).GetAwaiter().GetResult();
        if (_context.Response.StatusCode != StatusCodes.Status200OK)
        {
            throw new InvalidOperationException($"Set-up request answered {_context.Response.StatusCode}.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public Task WithTenancy() => _tenancy(_context);

    [Benchmark]
    public Task WithTenancyAndRateLimiter() => _limited(_context);
}
