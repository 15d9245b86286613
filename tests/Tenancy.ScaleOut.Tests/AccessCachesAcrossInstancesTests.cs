using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.ApiKeys;
using Tenancy.AspNetCore.ApiKeys;
using Tenancy.EntityFramework.Platform;
using Tenancy.Events;
using Tenancy.Members;

namespace Tenancy.ScaleOut.Tests;

/// <summary>
/// API-key and role caches across two instances sharing one PostgreSQL: a revocation or demotion on A is seen by B through
/// the backplane well before the caches' own expiry (30 s for keys, 1 min for access), and never touches another tenant.
/// </summary>
public sealed class AccessCachesAcrossInstancesTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData(BackplaneKind.Redis)]
    [InlineData(BackplaneKind.PostgreSql)]
    public async Task A_key_revoked_on_instance_A_is_refused_by_instance_B_while_the_other_tenants_key_still_works(BackplaneKind kind)
    {
        await using var database = await CreateAsync();
        var (a, b) = await StartPairAsync(kind, database);
        await using var _a = a;
        await using var _b = b;
        var acme = await Keys(a).CreateAsync("t-acme", new TenantApiKeyRequest("ci"));
        var globex = await Keys(a).CreateAsync("t-globex", new TenantApiKeyRequest("ci"));
        (await SecureAsync(b, "acme", acme.Token)).Should().Be(HttpStatusCode.OK, "B caches acme's key as valid");
        (await SecureAsync(b, "globex", globex.Token)).Should().Be(HttpStatusCode.OK, "B caches globex's key as valid");

        (await Keys(a).RevokeAsync("t-acme", acme.Key.Id)).Should().BeTrue();

        await Eventually.WithinAsync(Bound, async () => await SecureAsync(b, "acme", acme.Token) == HttpStatusCode.Unauthorized, "B refuses the key A revoked");
        (await SecureAsync(b, "globex", globex.Token)).Should().Be(HttpStatusCode.OK, "the other tenant's key is untouched");
    }

    [Theory]
    [InlineData(BackplaneKind.Redis)]
    [InlineData(BackplaneKind.PostgreSql)]
    public async Task A_key_rotated_without_overlap_on_instance_A_stops_working_on_instance_B(BackplaneKind kind)
    {
        await using var database = await CreateAsync();
        var (a, b) = await StartPairAsync(kind, database);
        await using var _a = a;
        await using var _b = b;
        var old = await Keys(a).CreateAsync("t-acme", new TenantApiKeyRequest("ci"));
        (await SecureAsync(b, "acme", old.Token)).Should().Be(HttpStatusCode.OK);

        var replacement = await Keys(a).RotateAsync("t-acme", old.Key.Id, TimeSpan.Zero);

        await Eventually.WithinAsync(Bound, async () => await SecureAsync(b, "acme", old.Token) == HttpStatusCode.Unauthorized, "B refuses the rotated-out key");
        (await SecureAsync(b, "acme", replacement!.Token)).Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(BackplaneKind.Redis)]
    [InlineData(BackplaneKind.PostgreSql)]
    public async Task A_member_demoted_on_instance_A_loses_the_permission_on_instance_B_and_nothing_changes_in_another_tenant(BackplaneKind kind)
    {
        await using var database = await CreateAsync();
        var (a, b) = await StartPairAsync(kind, database);
        await using var _a = a;
        await using var _b = b;
        var heardGlobexAlice = 0;
        using var subscription = b.Notifier.Subscribe(c =>
        {
            if (c.Kind == TenantChangeKind.AccessChanged && c.TenantId == "t-globex" && c.Keys.Contains(TenantChange.MemberPrefix + "alice"))
            {
                Interlocked.Increment(ref heardGlobexAlice);
            }
        });
        await Members(a).AddMemberAsync("t-acme", "owner-1", null, [TenantRoles.Owner]);
        await Members(a).AddMemberAsync("t-acme", "alice", null, [TenantRoles.Admin]);
        await Members(a).AddMemberAsync("t-globex", "owner-1", null, [TenantRoles.Owner]);
        await Members(a).AddMemberAsync("t-globex", "alice", null, [TenantRoles.Admin]);
        // The set-up's own announcement for globex reaches B asynchronously: cache globex only after it has arrived, so that
        // the assertion below sees acme's invalidation alone.
        await Eventually.WithinAsync(Bound, () => Task.FromResult(Volatile.Read(ref heardGlobexAlice) > 0), "B heard the set-up's announcement for alice in globex");
        (await Members(b).GetAccessAsync("t-acme", "alice")).HasRole(TenantRoles.Admin).Should().BeTrue("B caches alice as admin of acme");
        var globexBefore = await Members(b).GetAccessAsync("t-globex", "alice");
        globexBefore.HasRole(TenantRoles.Admin).Should().BeTrue();
        var permission = globexBefore.Permissions.First(p => p != "*");

        (await Members(a).SetRolesAsync("t-acme", "alice", [TenantRoles.Member])).Should().Be(MembershipChange.Done);

        await Eventually.WithinAsync(Bound, async () => !(await Members(b).GetAccessAsync("t-acme", "alice")).HasRole(TenantRoles.Admin), "B drops alice's admin role in acme");
        (await Members(b).GetAccessAsync("t-acme", "alice")).HasPermission(permission).Should().Be(TenantRoles.Defaults[TenantRoles.Member].Permissions.Contains(permission));
        var globexAfter = await Members(b).GetAccessAsync("t-globex", "alice");
        globexAfter.Should().BeSameAs(globexBefore, "acme's invalidation neither dropped nor changed globex's cached access");
    }

    [Fact]
    public async Task An_invalidation_announced_for_one_tenant_never_drops_a_key_of_another_tenant()
    {
        await using var database = await CreateAsync();
        var (a, b) = await StartPairAsync(BackplaneKind.Redis, database);
        await using var _a = a;
        await using var _b = b;
        var globex = await Keys(a).CreateAsync("t-globex", new TenantApiKeyRequest("ci"));
        (await SecureAsync(b, "globex", globex.Token)).Should().Be(HttpStatusCode.OK);
        // Revoke straight in the store, unannounced: B's cache still says valid, and only an announcement for globex may change that …
        (await a.Services.GetRequiredService<ITenantApiKeyStore>().RevokeAsync("t-globex", globex.Key.Id, DateTimeOffset.UtcNow, CancellationToken.None)).Should().BeTrue();

        // … and an announcement naming globex's key under acme (a forged or confused message) must not evict it on B.
        var heard = 0;
        using var _ = b.Notifier.Subscribe(c => { if (c.Kind == TenantChangeKind.AccessChanged && c.TenantId == "t-acme") { Interlocked.Increment(ref heard); } });
        a.Notifier.Publish(TenantChange.AccessChanged("t-acme", TenantChange.ApiKeyPrefix + globex.Key.Id));
        await Eventually.WithinAsync(Bound, () => Task.FromResult(Volatile.Read(ref heard) > 0), "B heard acme's announcement");
        a.Notifier.Publish(TenantChange.AccessChanged("t-acme"));
        await Eventually.WithinAsync(Bound, () => Task.FromResult(Volatile.Read(ref heard) > 1), "B heard acme's tenant-wide announcement");

        (await SecureAsync(b, "globex", globex.Token)).Should().Be(HttpStatusCode.OK, "an announcement for acme does not evict globex's key");

        a.Notifier.Publish(TenantChange.AccessChanged("t-globex", TenantChange.ApiKeyPrefix + globex.Key.Id));
        await Eventually.WithinAsync(Bound, async () => await SecureAsync(b, "globex", globex.Token) == HttpStatusCode.Unauthorized, "globex's own announcement evicts it");
    }

    private static TenantApiKeyService Keys(Instance instance) => instance.Services.GetRequiredService<TenantApiKeyService>();

    private static TenantMembershipService Members(Instance instance) => instance.Services.GetRequiredService<TenantMembershipService>();

    private static async Task<ScaleOutDatabase> CreateAsync()
    {
        var database = await ScaleOutDatabase.CreateAsync(Tenants.All);
        var options = new DbContextOptionsBuilder<TenancyPlatformDbContext>().UseNpgsql(database.ConnectionString).UseTenancy().Options;
        await using var db = new TenancyPlatformDbContext(options);
        await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(); // Next to the tenant tables already there.
        return database;
    }

    private static async Task<(Instance A, Instance B)> StartPairAsync(BackplaneKind kind, ScaleOutDatabase database)
    {
        var a = await StartAsync(kind, database);
        var b = await StartAsync(kind, database);
        await a.UntilBackplaneIsAsync(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
        await b.UntilBackplaneIsAsync(Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy);
        return (a, b);
    }

    private static Task<Instance> StartAsync(BackplaneKind kind, ScaleOutDatabase database) => Instance.StartAsync(
        database,
        tenancy =>
        {
            BackplaneSetup.For(kind, database)(tenancy);
            tenancy.AddApiKeys()
                .AddMembers()
                .AddEntityFrameworkPlatformStores<TenancyPlatformDbContext>()
                .AddPooledTenantDbContextFactory<TenancyPlatformDbContext>((_, o) => o.UseNpgsql(database.ConnectionString));
        },
        services =>
        {
            services.AddAuthentication(TenantApiKeyDefaults.AuthenticationScheme).AddTenantApiKeys();
            services.AddAuthorization();
        },
        app =>
        {
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapGet("/secure", (ICurrentTenant tenant) => Results.Text(tenant.Id)).RequireAuthorization();
        });

    private static async Task<HttpStatusCode> SecureAsync(Instance instance, string tenant, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/secure");
        request.Headers.Add("X-Tenant", tenant);
        request.Headers.Authorization = new AuthenticationHeaderValue("ApiKey", token);
        using var response = await instance.Client.SendAsync(request);
        return response.StatusCode;
    }
}
