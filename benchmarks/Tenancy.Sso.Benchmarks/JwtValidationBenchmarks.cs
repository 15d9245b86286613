using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Tenancy;
using Tenancy.AspNetCore.Sso;
using Tenancy.Sso;

namespace Tenancy.Sso.Benchmarks;

/// <summary>
/// Authenticating one warm RS256 bearer token: the per-tenant scheme (issuer looked up among 100 tenants, keys from a cached
/// JWKS, tenant claim rewritten) against ASP.NET Core's JwtBearer with one fixed issuer and key. Both run through
/// <c>HttpContext.AuthenticateAsync</c> with a fresh request scope per operation, so the difference is the scheme's own cost.
/// </summary>
[MemoryDiagnoser]
public class JwtValidationBenchmarks
{
    private const int Tenants = 100;
    private WebApplication _jwks = null!;
    private ServiceProvider _perTenant = null!;
    private ServiceProvider _singleIssuer = null!;
    private string _token = null!;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var keys = Enumerable.Range(0, Tenants).Select(i => new RsaSecurityKey(RSA.Create(2048)) { KeyId = "k" + i }).ToArray();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _jwks = builder.Build();
        string address = null!;
        _jwks.MapGet("/{i:int}/.well-known/openid-configuration", (int i) => Results.Json(new { issuer = $"{address}/{i}", jwks_uri = $"{address}/{i}/jwks" }));
        _jwks.MapGet("/{i:int}/jwks", (int i) =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(keys[i].Rsa.ExportParameters(false)) { KeyId = keys[i].KeyId });
            return Results.Text(JsonSerializer.Serialize(new { keys = new[] { new { kty = "RSA", kid = jwk.Kid, n = jwk.N, e = jwk.E, alg = "RS256", use = "sig" } } }), "application/json");
        });
        await _jwks.StartAsync();
        address = _jwks.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        const int Chosen = 42;
        _token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = $"{address}/{Chosen}",
            Audience = "api",
            Subject = new System.Security.Claims.ClaimsIdentity([new("sub", "user-1"), new("scp", "read")]),
            Expires = DateTime.UtcNow.AddHours(2),
            SigningCredentials = new SigningCredentials(keys[Chosen], SecurityAlgorithms.RsaSha256),
        });

        var perTenant = new ServiceCollection().AddLogging();
        perTenant.AddTenancy(t => t
            .WithInMemoryStore(Enumerable.Range(0, Tenants).Select(i => new TenantInfo("t-" + i, "tenant" + i, "Tenant " + i)))
            .AddTenantSso(o => o.RequireHttpsMetadata = false));
        perTenant.AddAuthentication().AddTenantJwtBearer();
        _perTenant = perTenant.BuildServiceProvider();
        var sso = _perTenant.GetRequiredService<TenantSsoService>();
        for (var i = 0; i < Tenants; i++)
        {
            await sso.SaveAsync(new TenantSsoSettings { TenantId = "t-" + i, Issuer = $"{address}/{i}", ClientId = "api" });
        }

        var single = new ServiceCollection().AddLogging();
        single.AddAuthentication().AddJwtBearer(o =>
        {
            o.MapInboundClaims = false;
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidIssuer = $"{address}/{Chosen}",
                ValidAudience = "api",
                IssuerSigningKey = new RsaSecurityKey(keys[Chosen].Rsa.ExportParameters(false)) { KeyId = keys[Chosen].KeyId },
                ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            };
        });
        _singleIssuer = single.BuildServiceProvider();

        // Warm both (the per-tenant scheme fetches the chosen tenant's discovery document and JWKS here, once).
        if (!(await PerTenantAsync()) || !(await SingleIssuerAsync()))
        {
            throw new InvalidOperationException("The benchmark token does not authenticate.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _perTenant.DisposeAsync();
        await _singleIssuer.DisposeAsync();
        await _jwks.DisposeAsync();
    }

    [Benchmark(Baseline = true, Description = "JwtBearer, one issuer")]
    public Task<bool> SingleIssuerAsync() => AuthenticateAsync(_singleIssuer, JwtBearerDefaults.AuthenticationScheme);

    [Benchmark(Description = "Tenant JWT bearer, 100 tenants")]
    public Task<bool> PerTenantAsync() => AuthenticateAsync(_perTenant, TenantJwtBearerDefaults.AuthenticationScheme);

    private async Task<bool> AuthenticateAsync(ServiceProvider services, string scheme)
    {
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Headers.Authorization = "Bearer " + _token;
        var result = await context.AuthenticateAsync(scheme);
        return result.Succeeded;
    }
}
