using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.EntityFramework.Provisioning;

namespace Tenancy.EntityFramework.Tests;

public sealed class ProvisioningTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tenancy-ef-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Database_per_tenant_provisions_every_tenant_with_bounded_parallelism_and_keeps_them_apart()
    {
        var tenants = Enumerable.Range(0, 6).Select(i => new TenantInfo($"t{i}", $"t{i}", $"T{i}")
        {
            Properties = new Dictionary<string, string> { ["ConnectionString"] = $"Data Source={Path.Combine(_folder, $"t{i}.db")}" },
        }).Append(new TenantInfo("broken", "broken", "Broken")).ToArray();
        var options = new DbContextOptionsBuilder<TestDb>().UseSqlite("Data Source=:memory:").UseTenancy(t => t.UseDatabasePerTenant()).Options;
        var provisioner = new TenantDatabaseProvisioner<TestDb>(() => new TestDb(options));
        var reports = new List<TenantProvisioningProgress>();

        var results = await provisioner.MigrateAllAsync(tenants, maxParallelism: 2, new SyncProgress(reports));

        results.Select(r => r.TenantId).Should().Equal(tenants.Select(t => t.Id));
        results.Take(6).Should().OnlyContain(r => r.Succeeded && r.Action == "created");
        results[^1].Succeeded.Should().BeFalse();
        results[^1].Error.Should().BeOfType<TenancyException>().Which.Message.Should().Contain("ConnectionString");
        reports.Should().HaveCount(7);
        reports.Max(r => r.Completed).Should().Be(7);
        reports.Max(r => r.Failed).Should().Be(1);

        var again = await provisioner.MigrateAllAsync(tenants.Take(2));
        again.Should().OnlyContain(r => r.Succeeded && r.Action == "up-to-date");

        using (Tenants.Begin(tenants[0]))
        await using (var db = new TestDb(options))
        {
            db.Notes.Add(new Note { Title = "only in t0" });
            await db.SaveChangesAsync();
        }

        using (Tenants.Begin(tenants[1]))
        await using (var db = new TestDb(options))
        {
            (await db.Notes.CountAsync()).Should().Be(0, "t1's database does not hold t0's rows");
            await using var raw = new SqliteConnection(tenants[0].Properties["ConnectionString"]);
            await raw.OpenAsync();
            await using var command = new SqliteCommand("SELECT count(*) FROM Notes", raw);
            ((long)(await command.ExecuteScalarAsync())!).Should().Be(1);
        }
    }

    [Fact]
    public async Task Tenants_with_ef_migrations_are_migrated_and_then_up_to_date()
    {
        var tenants = new[] { "m1", "m2", "m3" }.Select(id => new TenantInfo(id, id, id)
        {
            Properties = new Dictionary<string, string> { ["ConnectionString"] = $"Data Source={Path.Combine(_folder, $"{id}.db")}" },
        }).ToArray();
        var options = new DbContextOptionsBuilder<MigratedDb>().UseSqlite("Data Source=:memory:")
            .ConfigureWarnings(w => w.Ignore(Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.PendingModelChangesWarning))
            .UseTenancy(t => t.UseDatabasePerTenant()).Options;
        var provisioner = new TenantDatabaseProvisioner<MigratedDb>(() => new MigratedDb(options));

        var first = await provisioner.MigrateAllAsync(tenants, maxParallelism: 3);
        var second = await provisioner.MigrateAllAsync(tenants, maxParallelism: 3);

        first.Should().OnlyContain(r => r.Succeeded && r.Action == "migrated", first.FirstOrDefault(r => !r.Succeeded)?.Error?.ToString());
        first[0].AppliedMigrations.Should().Equal("20261124000001_Items", "20261124000002_ItemsByName");
        second.Should().OnlyContain(r => r.Succeeded && r.Action == "up-to-date");
        using (Tenants.Begin(tenants[0]))
        await using (var db = new MigratedDb(options))
        {
            db.Items.Add(new Item { Name = "x" });
            await db.SaveChangesAsync();
        }

        using (Tenants.Begin(tenants[1]))
        await using (var db = new MigratedDb(options))
        {
            (await db.Items.CountAsync()).Should().Be(0);
        }
    }

    [Fact]
    public async Task A_new_tenant_is_created_migrated_and_seeded_in_one_call()
    {
        var tenant = new TenantInfo("fresh", "fresh", "Fresh") { Properties = new Dictionary<string, string> { ["ConnectionString"] = $"Data Source={Path.Combine(_folder, "fresh.db")}" } };
        var options = new DbContextOptionsBuilder<TestDb>().UseSqlite("Data Source=:memory:").UseTenancy(t => t.UseDatabasePerTenant()).Options;
        var provisioner = new TenantDatabaseProvisioner<TestDb>(() => new TestDb(options));

        var result = await provisioner.ProvisionAsync(tenant, async (db, ct) =>
        {
            db.Notes.Add(new Note { Title = "welcome" });
            await db.SaveChangesAsync(ct);
        });

        result.Succeeded.Should().BeTrue();
        using var scope = Tenants.Begin(tenant);
        await using var check = new TestDb(options);
        (await check.Notes.Select(n => n.TenantId + ":" + n.Title).ToListAsync()).Should().Equal("fresh:welcome");
    }

    [Fact]
    public async Task Database_per_tenant_without_a_tenant_refuses_to_open_any_database()
    {
        var options = new DbContextOptionsBuilder<TestDb>().UseSqlite("Data Source=:memory:").UseTenancy(t => t.UseDatabasePerTenant()).Options;
        await using var db = new TestDb(options);

        await FluentActions.Awaiting(() => db.Database.SqlQueryRaw<int>("SELECT 1 AS Value").ToListAsync()).Should().ThrowAsync<TenantNotResolvedException>();
    }

    [Fact]
    public async Task Database_per_tenant_works_with_a_context_pool()
    {
        var tenants = new[] { "p1", "p2" }.Select(id => new TenantInfo(id, id, id)
        {
            Properties = new Dictionary<string, string> { ["ConnectionString"] = $"Data Source={Path.Combine(_folder, $"{id}.db")}" },
        }).ToArray();
        var services = new ServiceCollection();
        services.AddTenancy().AddPooledTenantDbContextFactory<TestDb>((_, o) => o.UseSqlite("Data Source=:memory:"), t => t.UseDatabasePerTenant(), poolSize: 1);
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IDbContextFactory<TestDb>>();
        await new TenantDatabaseProvisioner<TestDb>(factory.CreateDbContext).MigrateAllAsync(tenants);

        foreach (var tenant in tenants)
        {
            using var scope = Tenants.Begin(tenant);
            await using var db = await factory.CreateDbContextAsync();
            db.Notes.Add(new Note { Title = "mine: " + tenant.Id });
            await db.SaveChangesAsync();
        }

        foreach (var tenant in tenants)
        {
            using var scope = Tenants.Begin(tenant);
            await using var db = await factory.CreateDbContextAsync();
            (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("mine: " + tenant.Id);
        }
    }

    private sealed class SyncProgress(List<TenantProvisioningProgress> reports) : IProgress<TenantProvisioningProgress>
    {
        public void Report(TenantProvisioningProgress value)
        {
            lock (reports)
            {
                reports.Add(value);
            }
        }
    }
}
