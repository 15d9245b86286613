using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tenancy.ApiKeys;
using Tenancy.AspNetCore.ApiKeys;

namespace Tenancy.Platform.Benchmarks;

/// <summary>
/// The time a tenant API key adds to a request on the warm path: the key check alone, and the whole authentication
/// scheme (header read, check, principal with tenant and scope claims) against authenticating a request without a key.
/// </summary>
[MemoryDiagnoser]
public class ApiKeyBenchmarks
{
    private readonly CountingKeyStore _store = new();
    private ServiceProvider _services = null!;
    private TenantApiKeyService _keys = null!;
    private IAuthenticationService _authentication = null!;
    private string _token = null!;
    private string _header = null!;
    private int _findsAfterWarmUp;

    [GlobalSetup]
    public void Setup()
    {
        var services = new ServiceCollection();
        services.AddLogging(l => l.ClearProviders());
        services.AddSingleton<ITenantApiKeyStore>(_store);
        services.AddTenancy(t => t.WithInMemoryStore(new TenantInfo("acme", "acme", "Acme")).AddApiKeys());
        services.AddAuthentication(TenantApiKeyDefaults.AuthenticationScheme).AddTenantApiKeys();
        _services = services.BuildServiceProvider();
        _keys = _services.GetRequiredService<TenantApiKeyService>();
        _authentication = _services.GetRequiredService<IAuthenticationService>();
        _token = _keys.CreateAsync("acme", new TenantApiKeyRequest("bench", ["orders.read", "orders.write"])).GetAwaiter().GetResult().Token;
        _header = "ApiKey " + _token;
        if (!_keys.ValidateAsync(_token).AsTask().GetAwaiter().GetResult().Succeeded || !WithKey().GetAwaiter().GetResult())
        {
            throw new InvalidOperationException("The key does not authenticate.");
        }

        _findsAfterWarmUp = _store.Finds;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        if (_store.Finds != _findsAfterWarmUp)
        {
            throw new InvalidOperationException($"The warm path reached the store {_store.Finds - _findsAfterWarmUp} times.");
        }

        Console.WriteLine($"// store lookups during the measured runs: {_store.Finds - _findsAfterWarmUp}");
        _services.Dispose();
    }

    [Benchmark]
    public bool ValidateWarmKey() => _keys.ValidateAsync(_token).GetAwaiter().GetResult().Succeeded;

    [Benchmark(Baseline = true)]
    public async Task<bool> WithoutKey()
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        var result = await _authentication.AuthenticateAsync(context, TenantApiKeyDefaults.AuthenticationScheme);
        return result.None;
    }

    [Benchmark]
    public async Task<bool> WithKey()
    {
        var context = new DefaultHttpContext { RequestServices = _services };
        context.Request.Headers.Authorization = _header;
        var result = await _authentication.AuthenticateAsync(context, TenantApiKeyDefaults.AuthenticationScheme);
        return result.Succeeded;
    }
}
