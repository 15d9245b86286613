using BenchmarkDotNet.Attributes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tenancy.Audit;
using Tenancy.EntityFramework.Platform;

namespace Tenancy.Platform.Benchmarks;

/// <summary>
/// Audit appends on PostgreSQL (TENANCY_TEST_POSTGRES; row-level security on, per-tenant advisory lock): one append at a
/// time, and 16 concurrent appends spread over 1 tenant (serialised by the lock) or 16 tenants (in parallel).
/// </summary>
[MemoryDiagnoser]
public class AuditAppendBenchmarks
{
    private string _database = null!;
    private string _server = null!;
    private ServiceProvider _services = null!;
    private IAuditLog _audit = null!;
    private int _n;

    [GlobalSetup]
    public void Setup()
    {
        _server = Environment.GetEnvironmentVariable("TENANCY_TEST_POSTGRES") ?? throw new InvalidOperationException("Set TENANCY_TEST_POSTGRES (./eng/dev-services.sh).");
        _database = "tenancy_bench_" + Guid.NewGuid().ToString("N")[..8];
        Execute(_server, $"CREATE DATABASE {_database}");
        var cs = new NpgsqlConnectionStringBuilder(_server) { Database = _database }.ConnectionString;
        var tenants = Enumerable.Range(0, 16).Select(i => new TenantInfo("t" + i, "t" + i, "Tenant " + i)).ToArray();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTenancy(t => t.WithInMemoryStore(tenants).AddAuditLog().AddEntityFrameworkPlatformStores<TenancyPlatformDbContext>())
            .AddPooledTenantDbContextFactory<TenancyPlatformDbContext>((_, o) => o.UseNpgsql(cs), t => t.UseRowLevelSecurity());
        _services = services.BuildServiceProvider();
        using (var db = _services.GetRequiredService<IDbContextFactory<TenancyPlatformDbContext>>().CreateDbContext())
        {
            db.Database.EnsureCreated();
        }

        _audit = _services.GetRequiredService<IAuditLog>();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        var verification = _audit.VerifyAsync("t0").GetAwaiter().GetResult();
        Console.WriteLine($"// t0 chain: {verification.EntriesChecked} entries, intact = {verification.IsIntact}");
        _services.Dispose();
        NpgsqlConnection.ClearAllPools();
        Execute(_server, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
    }

    [Benchmark(Baseline = true)]
    public Task<AuditEntry> AppendOne() => _audit.WriteAsync("t0", new AuditEvent("bench.append", "n" + Interlocked.Increment(ref _n)));

    [Benchmark(OperationsPerInvoke = 16)]
    public Task Append16ConcurrentOneTenant() =>
        Task.WhenAll(Enumerable.Range(0, 16).Select(_ => _audit.WriteAsync("t0", new AuditEvent("bench.append"))));

    [Benchmark(OperationsPerInvoke = 16)]
    public Task Append16ConcurrentSixteenTenants() =>
        Task.WhenAll(Enumerable.Range(0, 16).Select(i => _audit.WriteAsync("t" + i, new AuditEvent("bench.append"))));

    private static void Execute(string cs, string sql)
    {
        using var connection = new NpgsqlConnection(cs);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
