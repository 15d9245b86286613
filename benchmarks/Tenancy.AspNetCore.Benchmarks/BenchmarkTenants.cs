using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using Tenancy.Stores;

namespace Tenancy.AspNetCore.Benchmarks;

/// <summary>Stores of generated tenants and requests that name one of them by each strategy.</summary>
public static class BenchmarkTenants
{
    public const string HostTemplate = "{tenant}.example.com";
    public const string HeaderName = "X-Tenant";
    public const string ClaimType = "tid";

    private static readonly Dictionary<int, InMemoryTenantStore> Stores = [];

    public static InMemoryTenantStore CreateStore(int count)
    {
        // One store per size per process: in-process runs (eng/bench.sh) reuse it across cases instead of building a
        // million tenants again for each.
        lock (Stores)
        {
            if (!Stores.TryGetValue(count, out var store))
            {
                store = new(Enumerable.Range(0, count).Select(i => new TenantInfo($"t-{i}", $"tenant-{i}", $"Tenant {i}") { Plan = "free", Domains = [$"tenant-{i}.example.org"] }));
                Stores[count] = store;
            }

            return store;
        }
    }

    /// <summary>A tenant in the middle of the store.</summary>
    public static TenantInfo Target(int count) => new($"t-{count / 2}", $"tenant-{count / 2}", $"Tenant {count / 2}");

    public static TenancyBuilder AddStrategy(TenancyBuilder tenancy, string strategy) => strategy switch
    {
        "host" or "domain" => tenancy.FromHost(HostTemplate),
        "header" => tenancy.FromHeader(HeaderName),
        "path" => tenancy.FromPath(),
        "claim" => tenancy.FromClaim(ClaimType),
        _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, "Unknown strategy."),
    };

    /// <summary>Already-authenticated principal for the claim strategy.</summary>
    public static ClaimsPrincipal Principal(TenantInfo tenant) =>
        new(new ClaimsIdentity([new Claim("sub", "user-1"), new Claim(ClaimType, tenant.Id)], "bench"));

    /// <summary>Makes <paramref name="request"/> name <paramref name="tenant"/> the way <paramref name="strategy"/> reads it.</summary>
    public static void NameTenant(HttpRequest request, string strategy, TenantInfo tenant)
    {
        request.Host = new HostString(strategy switch
        {
            "host" => $"{tenant.Identifier}.example.com",
            "domain" => $"{tenant.Identifier}.example.org", // A custom domain.
            _ => "app.example.net",
        });
        request.Path = strategy == "path" ? $"/{tenant.Identifier}/orders" : "/orders";
        if (strategy == "header")
        {
            request.Headers[HeaderName] = tenant.Identifier;
        }
    }
}
