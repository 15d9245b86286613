using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Tenancy.EntityFramework;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;
using Tenancy.Scim.Credentials;

namespace Tenancy.Scim.Benchmarks;

/// <summary>
/// A Kestrel host on loopback with SCIM on a fresh PostgreSQL database with row-level security: 10 tenants, 100,000
/// users in the measured tenant and 10,000 in each of the nine others (bulk-inserted with generate_series), and a
/// group of 50,000 members in the measured tenant.
/// </summary>
public sealed class ScimBenchmarkHost : IAsyncDisposable
{
    public const int UsersInTenant = 100_000;
    public const int UsersInOtherTenants = 10_000;
    public const int GroupMembers = 50_000;
    private const string Password = "tenancy-bench";

    private readonly WebApplication _app;
    private readonly string _admin;
    private readonly string _name;
    private readonly string _appConnection;

    private ScimBenchmarkHost(WebApplication app, HttpClient client, string admin, string name, string appConnection)
    {
        _app = app;
        Client = client;
        _admin = admin;
        _name = name;
        _appConnection = appConnection;
    }

    public HttpClient Client { get; }

    /// <summary>The application role's connection string (row-level security applies).</summary>
    public string AppConnectionString => _appConnection;

    public static string GroupId => "bench-group-0";

    public static string UserId(int i) => $"bench-user-t0-{i}";

    public static async Task<ScimBenchmarkHost> StartAsync()
    {
        var admin = Environment.GetEnvironmentVariable("TENANCY_TEST_POSTGRES") is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException("TENANCY_TEST_POSTGRES is not set: start PostgreSQL with ./eng/dev-services.sh and source .services/env.sh.");
        var name = "tenancy_scim_bench_" + Guid.NewGuid().ToString("N")[..8];
        await ExecuteAsync(admin, $"CREATE ROLE {name}_owner LOGIN PASSWORD '{Password}'", $"CREATE ROLE {name}_app LOGIN PASSWORD '{Password}' NOSUPERUSER NOBYPASSRLS", $"CREATE DATABASE {name} OWNER {name}_owner");
        var database = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var owner = new NpgsqlConnectionStringBuilder(database) { Username = name + "_owner", Password = Password }.ConnectionString;
        var appConnection = new NpgsqlConnectionStringBuilder(database) { Username = name + "_app", Password = Password, MaxPoolSize = 50 }.ConnectionString;
        await using (var db = new BenchDb(new DbContextOptionsBuilder<BenchDb>().UseNpgsql(owner).UseTenancy().Options))
        {
            await db.Database.EnsureCreatedAsync();
            await TenantRowLevelSecurity.ApplyAsync(db);
        }

        var statements = new List<string>();
        for (var t = 0; t < 10; t++)
        {
            var count = t == 0 ? UsersInTenant : UsersInOtherTenants;
            statements.Add($"SET tenancy.tenant_id = 't{t}'"); // FORCE ROW LEVEL SECURITY applies to the owner too.
            statements.Add($"""
                INSERT INTO "ScimUsers" ("Id","TenantId","UserName","UserNameKey","ExternalId","DisplayNameKey","GivenNameKey","FamilyNameKey","EmailKey","Active","Created","LastModified","Version","Document")
                SELECT 'bench-user-t{t}-' || i, 't{t}', 'user' || i || '@tenant{t}.example.com', upper('user' || i || '@tenant{t}.example.com'), 'ext-' || i, upper('User ' || i), 'USER', upper('N' || i),
                       upper('user' || i || '@tenant{t}.example.com'), true, now(), now(), 1,
                       '{"{"}"userName":"user' || i || '@tenant{t}.example.com","externalId":"ext-' || i || '","displayName":"User ' || i || '","active":true,"emails":[{"{"}"value":"user' || i || '@tenant{t}.example.com","type":"work","primary":true{"}"}]{"}"}'
                FROM generate_series(0, {count - 1}) AS i
                """);
        }

        statements.Add("SET tenancy.tenant_id = 't0'");
        statements.Add($"""INSERT INTO "ScimGroups" ("Id","TenantId","DisplayName","DisplayNameKey","ExternalId","Created","LastModified","Version","Document") VALUES ('{GroupId}','t0','Everyone','EVERYONE',NULL,now(),now(),1,'{"{"}"displayName":"Everyone"{"}"}')""");
        statements.Add($"""INSERT INTO "ScimGroupMembers" ("TenantId","GroupId","MemberId","MemberType") SELECT 't0', '{GroupId}', 'bench-user-t0-' || i, 'User' FROM generate_series(0, {GroupMembers - 1}) AS i""");
        statements.Add("ANALYZE");
        statements.Add($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {name}_app");
        statements.Add($"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {name}_app");
        await ExecuteAsync(owner, [.. statements]);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var tenants = Enumerable.Range(0, 10).Select(t => new TenantInfo($"t{t}", $"tenant{t}", $"Tenant {t}")).ToArray();
        builder.Services.AddTenancy(t => t.FromHeader("X-Tenant").WithInMemoryStore(tenants))
            .AddTenantDbContextPool<BenchDb>((_, db) => db.UseNpgsql(appConnection), ef => ef.UseRowLevelSecurity())
            .AddTenancyScim(scim => scim.UseEntityFrameworkStore<BenchDb>().Configure(o => { o.RateLimitPermits = 0; o.ProvisioningLog = false; }));
        var app = builder.Build();
        app.UseRouting();
        app.UseTenancy();
        app.MapScim("/scim/v2");
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var token = await app.Services.GetRequiredService<IScimTokenService>().IssueAsync("t0", "benchmark");
        var client = new HttpClient { BaseAddress = new Uri(address + "/scim/v2/") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.Token);
        return new ScimBenchmarkHost(app, client, admin, name, appConnection);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await using (var connection = new NpgsqlConnection(_appConnection))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", $"DROP ROLE IF EXISTS {_name}_app", $"DROP ROLE IF EXISTS {_name}_owner");
    }

    private static async Task ExecuteAsync(string connectionString, params string[] statements)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection) { CommandTimeout = 300 };
            await command.ExecuteNonQueryAsync();
        }
    }
}

public sealed class BenchDb(DbContextOptions<BenchDb> options) : TenantDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyTenancyScim();
}
