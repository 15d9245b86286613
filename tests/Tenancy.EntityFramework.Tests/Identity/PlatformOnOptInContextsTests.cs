using System.IO.Compression;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.ApiKeys;
using Tenancy.Audit;
using Tenancy.EntityFramework.ApiKeys;
using Tenancy.EntityFramework.Data;
using Tenancy.EntityFramework.Provisioning;
using Tenancy.Lifecycle;
using Tenancy.Members;

namespace Tenancy.EntityFramework.Tests.Identity;

/// <summary>
/// The lifecycle data step on an <c>IdentityDbContext</c> (<see cref="TenantIdentityDb"/>) and the platform stores
/// (API keys, members, audit log, lifecycle journal) on a plain <see cref="DbContext"/> (<see cref="PlainPlatformDb"/>):
/// neither derives from <see cref="TenantDbContext"/>, both opt in with <see cref="ITenantDbContext"/>. Tenant B reaches
/// none of tenant A's rows through them. The same tests run on SQLite and on PostgreSQL with row-level security.
/// </summary>
public abstract class PlatformOnOptInContextsTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    private TenantApiKeyService Keys => _services.GetRequiredService<TenantApiKeyService>();

    private TenantMembershipService Members => _services.GetRequiredService<TenantMembershipService>();

    private IAuditLog Audit => _services.GetRequiredService<IAuditLog>();

    private TenantLifecycleOrchestrator Lifecycle => _services.GetRequiredService<TenantLifecycleOrchestrator>();

    protected abstract Task CreateDatabasesAsync();

    protected abstract void UseIdentityDatabase(DbContextOptionsBuilder options);

    protected abstract void UsePlatformDatabase(DbContextOptionsBuilder options);

    protected abstract void UseIsolation(TenancyDbContextOptionsBuilder tenancy);

    public virtual async Task InitializeAsync()
    {
        await CreateDatabasesAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTenancy(t => t
                .WithInMemoryStore([Tenants.Acme, Tenants.Globex])
                .AddApiKeys()
                .AddMembers()
                .AddAuditLog()
                .AddEntityFrameworkPlatformStores<PlainPlatformDb>()
                .AddTenantDataLifecycle<TenantIdentityDb>())
            .AddPooledTenantDbContextFactory<PlainPlatformDb>((_, options) => UsePlatformDatabase(options), UseIsolation)
            .AddPooledTenantDbContextFactory<TenantIdentityDb>((_, options) => UseIdentityDatabase(options), UseIsolation);
        _services = services.BuildServiceProvider(validateScopes: true);
    }

    public virtual async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task The_export_of_tenant_A_holds_its_Identity_users_and_none_of_tenant_B()
    {
        await AddUserAsync(Tenants.Acme, "alice");
        await AddUserAsync(Tenants.Globex, "bob");
        using var zipBytes = new MemoryStream();

        var entries = await Lifecycle.ExportAsync("acme", zipBytes);

        entries.Select(e => e.Name).Should().Contain($"data/{nameof(TenantIdentityDb)}.json");
        zipBytes.Position = 0;
        using var zip = new ZipArchive(zipBytes, ZipArchiveMode.Read);
        using var reader = new StreamReader(zip.GetEntry($"data/{nameof(TenantIdentityDb)}.json")!.Open());
        var data = await reader.ReadToEndAsync();
        data.Should().Contain("alice@acme.test").And.NotContain("bob@globex.test").And.NotContain("\"globex\"");
    }

    [Fact]
    public async Task Offboarding_tenant_A_deletes_its_users_keys_and_members_and_leaves_tenant_B_whole()
    {
        await AddUserAsync(Tenants.Acme, "alice");
        await AddUserAsync(Tenants.Globex, "bob");
        var acmeKey = await Keys.CreateAsync("acme", new TenantApiKeyRequest("ci"));
        var globexKey = await Keys.CreateAsync("globex", new TenantApiKeyRequest("ci"));
        await Members.AddMemberAsync("acme", "alice", "alice@acme.test", [TenantRoles.Owner]);
        await Members.AddMemberAsync("globex", "bob", "bob@globex.test", [TenantRoles.Owner]);

        var report = await Lifecycle.OffboardAsync("acme", new TenantOffboardingOptions { RemoveTenant = true });

        report.Finished.Should().BeTrue();
        report.Steps.Select(s => s.Key).Should().Contain($"delete:ef.{nameof(TenantIdentityDb)}");
        (await InIdentityAsync(Tenants.Acme, db => db.Users.CountAsync())).Should().Be(0);
        (await InIdentityAsync(Tenants.Globex, db => db.Users.Select(u => u.UserName).ToListAsync())).Should().Equal("bob");
        (await Keys.ValidateAsync(acmeKey.Token)).Succeeded.Should().BeFalse();
        (await Keys.ValidateAsync(globexKey.Token)).Succeeded.Should().BeTrue("acme's offboarding revoked only acme's keys");
        (await Members.ListMembersAsync("globex")).Select(m => m.UserId).Should().Equal("bob");
        (await Lifecycle.OffboardAsync("acme", new TenantOffboardingOptions { RemoveTenant = true })).Finished.Should().BeTrue("the journal in the plain context remembers the run");
    }

    [Fact]
    public async Task Deleting_tenant_B_data_through_the_lifecycle_step_leaves_tenant_A_users()
    {
        await AddUserAsync(Tenants.Acme, "alice");
        var step = _services.GetServices<TenantLifecycleStep>().Single(s => s.Name == $"ef.{nameof(TenantIdentityDb)}");

        await step.RunAsync(TenantLifecycleStage.DeleteData, new TenantLifecycleContext(Tenants.Globex, null), CancellationToken.None);

        (await InIdentityAsync(Tenants.Acme, db => db.Users.Select(u => u.UserName).ToListAsync())).Should().Equal("alice");
    }

    [Fact]
    public async Task Provisioning_the_Identity_context_seeds_the_new_tenant_and_no_other()
    {
        var factory = _services.GetRequiredService<IDbContextFactory<TenantIdentityDb>>();
        var provisioner = new TenantDatabaseProvisioner<TenantIdentityDb>(factory.CreateDbContext);

        var result = await provisioner.ProvisionAsync(Tenants.Acme, async (db, ct) =>
        {
            db.Users.Add(new IdentityUser("admin") { NormalizedUserName = "ADMIN" });
            await db.SaveChangesAsync(ct);
        });

        result.Error.Should().BeNull();
        result.Succeeded.Should().BeTrue();
        (await InIdentityAsync(Tenants.Acme, db => db.Users.Select(u => u.UserName).ToListAsync())).Should().Equal("admin");
        (await InIdentityAsync(Tenants.Globex, db => db.Users.CountAsync())).Should().Be(0);
    }

    [Fact]
    public async Task Tenant_B_cannot_list_revoke_or_rotate_tenant_A_api_keys()
    {
        var acmeKey = await Keys.CreateAsync("acme", new TenantApiKeyRequest("ci"));

        (await Keys.ListAsync("globex")).Should().BeEmpty();
        (await Keys.RevokeAsync("globex", acmeKey.Key.Id)).Should().BeFalse();
        (await Keys.RotateAsync("globex", acmeKey.Key.Id)).Should().BeNull();
        (await Keys.DeleteAllAsync("globex")).Should().Be(0);

        (await Keys.ValidateAsync(acmeKey.Token)).Key!.TenantId.Should().Be("acme");
        (await Keys.ListAsync("acme")).Select(k => k.Id).Should().Equal(acmeKey.Key.Id);
        (await InPlatformAsync(Tenants.Globex, db => db.Set<TenantApiKeyRecord>().CountAsync())).Should().Be(0, "the tenant filter applies to the plain context");
    }

    [Fact]
    public async Task Tenant_B_cannot_see_or_remove_tenant_A_members()
    {
        await Members.AddMemberAsync("acme", "alice", "alice@acme.test", [TenantRoles.Owner]);

        (await Members.GetAccessAsync("globex", "alice")).IsMember.Should().BeFalse();
        (await Members.ListMembersAsync("globex")).Should().BeEmpty();
        (await Members.RemoveMemberAsync("globex", "alice")).Should().Be(MembershipChange.NotFound);
        (await Members.DeleteAllAsync("globex")).Should().Be(0);

        (await Members.GetAccessAsync("acme", "alice")).HasRole(TenantRoles.Owner).Should().BeTrue();
    }

    [Fact]
    public async Task Tenant_B_cannot_read_tenant_A_audit_entries()
    {
        await Audit.WriteAsync("acme", new AuditEvent("invoice.paid", "invoice:1"));

        (await Audit.QueryAsync("globex", new AuditQuery())).Entries.Should().BeEmpty();
        (await Audit.QueryAsync("acme", new AuditQuery { Action = "invoice.paid" })).Entries.Select(e => e.Target).Should().Equal("invoice:1");
        (await Audit.VerifyAsync("acme")).IsIntact.Should().BeTrue();
        (await Audit.VerifyAsync("globex")).EntriesChecked.Should().Be(0);
    }

    private async Task AddUserAsync(TenantInfo tenant, string name) =>
        await InIdentityAsync(tenant, async db =>
        {
            db.Users.Add(new IdentityUser(name) { NormalizedUserName = name.ToUpperInvariant(), Email = $"{name}@{tenant.Id}.test" });
            return await db.SaveChangesAsync();
        });

    protected Task<T> InIdentityAsync<T>(TenantInfo tenant, Func<TenantIdentityDb, Task<T>> action) => InAsync(tenant, action);

    private Task<T> InPlatformAsync<T>(TenantInfo tenant, Func<PlainPlatformDb, Task<T>> action) => InAsync(tenant, action);

    private async Task<T> InAsync<TContext, T>(TenantInfo tenant, Func<TContext, Task<T>> action)
        where TContext : DbContext
    {
        using var current = Tenants.Begin(tenant);
        await using var db = await _services.GetRequiredService<IDbContextFactory<TContext>>().CreateDbContextAsync();
        return await action(db);
    }
}

/// <summary>The lifecycle step and platform stores on opt-in contexts, on SQLite (query filter and save guards).</summary>
public sealed class SqlitePlatformOnOptInContextsTests : PlatformOnOptInContextsTests
{
    private readonly string _identity = $"Data Source=file:tenancy-identity-lc-{Guid.NewGuid():N}?mode=memory&cache=shared";
    private readonly string _platform = $"Data Source=file:tenancy-platform-{Guid.NewGuid():N}?mode=memory&cache=shared";
    private readonly List<SqliteConnection> _keepers = [];

    protected override void UseIdentityDatabase(DbContextOptionsBuilder options) => options.UseSqlite(_identity);

    protected override void UsePlatformDatabase(DbContextOptionsBuilder options) => options.UseSqlite(_platform);

    protected override void UseIsolation(TenancyDbContextOptionsBuilder tenancy)
    {
    }

    protected override async Task CreateDatabasesAsync()
    {
        foreach (var connectionString in new[] { _identity, _platform })
        {
            var keeper = new SqliteConnection(connectionString);
            await keeper.OpenAsync();
            _keepers.Add(keeper);
        }

        await using (var identity = new TenantIdentityDb(new DbContextOptionsBuilder<TenantIdentityDb>().UseSqlite(_identity).UseTenancy().Options))
        {
            await identity.Database.EnsureCreatedAsync();
        }

        await using var platform = new PlainPlatformDb(new DbContextOptionsBuilder<PlainPlatformDb>().UseSqlite(_platform).UseTenancy().Options);
        await platform.Database.EnsureCreatedAsync();
    }

    [Fact]
    public async Task Users_without_a_tenant_are_backfilled_through_the_Identity_context_and_only_their_tenant_sees_them()
    {
        await using (var raw = new SqliteConnection(_identity))
        {
            await raw.OpenAsync();
            await using var insert = raw.CreateCommand();
            insert.CommandText = "INSERT INTO AspNetUsers (Id, TenantId, UserName, NormalizedUserName, EmailConfirmed, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount) "
                + "VALUES ('legacy-1', '', 'legacy', 'LEGACY', 0, 0, 0, 0, 0)";
            await insert.ExecuteNonQueryAsync();
        }

        var result = await InIdentityAsync(Tenants.Globex, db => db.AssignTenantsAsync(new TenantBackfillOptions<IdentityUser> { DefaultTenantId = "acme" }));

        result.Assigned.Should().Be(1);
        (await InIdentityAsync(Tenants.Acme, db => db.Users.Select(u => u.Id).ToListAsync())).Should().Equal("legacy-1");
        (await InIdentityAsync(Tenants.Globex, db => db.Users.CountAsync())).Should().Be(0, "running the backfill as globex does not hand the row to globex");
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        foreach (var keeper in _keepers)
        {
            await keeper.DisposeAsync();
        }
    }
}

/// <summary>The lifecycle step and platform stores on opt-in contexts, on PostgreSQL with row-level security.</summary>
public sealed class PostgresPlatformOnOptInContextsTests : PlatformOnOptInContextsTests
{
    private PostgresDatabase _identity = null!;
    private PostgresDatabase _platform = null!;

    protected override void UseIdentityDatabase(DbContextOptionsBuilder options) => options.UseNpgsql(_identity.AppConnectionString);

    protected override void UsePlatformDatabase(DbContextOptionsBuilder options) => options.UseNpgsql(_platform.AppConnectionString);

    protected override void UseIsolation(TenancyDbContextOptionsBuilder tenancy) => tenancy.UseRowLevelSecurity();

    protected override async Task CreateDatabasesAsync()
    {
        _identity = await PostgresDatabase.CreateAsync(owner =>
            new TenantIdentityDb(new DbContextOptionsBuilder<TenantIdentityDb>().UseNpgsql(owner).UseTenancy().Options));
        _platform = await PostgresDatabase.CreateAsync(owner =>
            new PlainPlatformDb(new DbContextOptionsBuilder<PlainPlatformDb>().UseNpgsql(owner).UseTenancy().Options));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _identity.DisposeAsync();
        await _platform.DisposeAsync();
    }
}
