using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;
using Tenancy.EntityFramework;
using Tenancy.EntityFramework.Provisioning;

namespace Tenancy.Security.Tests.EntityFramework;

/// <summary>
/// Issue 7 item 2: a context created (or whose connection was opened) under tenant A and then used inside Begin(B) must
/// never read or write A's schema or database with B's id: it refuses (<see cref="TenantMismatchException"/>) when it
/// cannot follow — queries, saves, bulk updates and deletes, raw SQL — and follows B when its connection is closed.
/// </summary>
public abstract class DatabasePerTenantBindingAttackTests : IAsyncLifetime
{
    private TenantInfo _a = null!;
    private TenantInfo _b = null!;

    public async Task InitializeAsync()
    {
        (_a, _b) = await CreateTenantsAsync();
        foreach (var (tenant, title) in new[] { (_a, "a1"), (_b, "b1") })
        {
            using var scope = AmbientCurrentTenant.Instance.Begin(tenant);
            await using var db = new AttackDb(Options());
            await PrepareAsync(db);
            db.Notes.Add(new Note { Title = title });
            await db.SaveChangesAsync();
        }
    }

    public abstract Task DisposeAsync();

    public static TheoryData<string> Uses() => ["query", "save", "ExecuteUpdate", "ExecuteDelete", "raw SQL", "transaction"];

    [Theory]
    [MemberData(nameof(Uses))]
    public async Task A_context_whose_connection_was_opened_for_A_refuses_to_work_for_B(string use)
    {
        AttackDb db;
        using (AmbientCurrentTenant.Instance.Begin(_a))
        {
            db = new AttackDb(Options());
            if (use == "transaction")
            {
                await db.Database.BeginTransactionAsync();
            }
            else
            {
                await db.Database.OpenConnectionAsync();
            }
        }

        await using (db)
        using (AmbientCurrentTenant.Instance.Begin(_b))
        {
            await FluentActions.Awaiting(() => Use(db, use)).Should().ThrowAsync<TenantMismatchException>();
        }

        await EachDatabaseHoldsOnlyItsOwnRowAsync();
    }

    [Fact]
    public async Task A_context_created_for_A_with_a_closed_connection_serves_B_from_Bs_database()
    {
        AttackDb db;
        using (AmbientCurrentTenant.Instance.Begin(_a))
        {
            db = new AttackDb(Options());
            (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("a1");
        }

        await using (db)
        using (AmbientCurrentTenant.Instance.Begin(_b))
        {
            (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("b1");
        }
    }

    [Fact]
    public async Task A_pooled_context_rented_by_A_then_B_serves_each_from_its_own_database()
    {
        var pool = new PooledDbContextFactory<AttackDb>(Options(), poolSize: 1);
        using (AmbientCurrentTenant.Instance.Begin(_a))
        await using (var db = await pool.CreateDbContextAsync())
        {
            await db.Database.OpenConnectionAsync();
            (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("a1");
        }

        using (AmbientCurrentTenant.Instance.Begin(_b))
        await using (var db = await pool.CreateDbContextAsync())
        {
            (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("b1");
        }
    }

    protected abstract Task<(TenantInfo A, TenantInfo B)> CreateTenantsAsync();

    protected abstract DbContextOptions<AttackDb> Options();

    protected abstract Task PrepareAsync(AttackDb db);

    protected abstract Task<long> CountAsync(TenantInfo database, string sql);

    private static async Task Use(AttackDb db, string use)
    {
        switch (use)
        {
            case "query" or "transaction":
                await db.Notes.ToListAsync();
                break;
            case "save":
                db.Notes.Add(new Note { Title = "planted" });
                await db.SaveChangesAsync();
                break;
            case "ExecuteUpdate":
                await db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, "planted"));
                break;
            case "ExecuteDelete":
                await db.Notes.ExecuteDeleteAsync();
                break;
            case "raw SQL":
                await db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = 'planted'""");
                break;
        }
    }

    private async Task EachDatabaseHoldsOnlyItsOwnRowAsync()
    {
        (await CountAsync(_a, """SELECT count(*) FROM "Notes" WHERE "TenantId" = 't-a' AND "Title" = 'a1'""")).Should().Be(1);
        (await CountAsync(_a, """SELECT count(*) FROM "Notes" """)).Should().Be(1);
        (await CountAsync(_b, """SELECT count(*) FROM "Notes" WHERE "TenantId" = 't-b' AND "Title" = 'b1'""")).Should().Be(1);
        (await CountAsync(_b, """SELECT count(*) FROM "Notes" """)).Should().Be(1);
    }
}

public sealed class SqliteDatabasePerTenantBindingAttackTests : DatabasePerTenantBindingAttackTests
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tenancy-sec-").FullName;

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    protected override Task<(TenantInfo A, TenantInfo B)> CreateTenantsAsync() => Task.FromResult((Tenant("t-a"), Tenant("t-b")));

    protected override DbContextOptions<AttackDb> Options() =>
        new DbContextOptionsBuilder<AttackDb>().UseSqlite("Data Source=:memory:").UseTenancy(t => t.UseDatabasePerTenant()).Options;

    protected override Task PrepareAsync(AttackDb db) => db.Database.EnsureCreatedAsync();

    protected override async Task<long> CountAsync(TenantInfo database, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(database.Properties["ConnectionString"]);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private TenantInfo Tenant(string id) => new(id, id, id)
    {
        Properties = new Dictionary<string, string> { ["ConnectionString"] = $"Data Source={Path.Combine(_folder, id + ".db")}" },
    };
}

public sealed class PostgresDatabasePerTenantBindingAttackTests : DatabasePerTenantBindingAttackTests
{
    private PostgresAttackDatabase _a = null!;
    private PostgresAttackDatabase _b = null!;

    public override async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    protected override async Task<(TenantInfo A, TenantInfo B)> CreateTenantsAsync()
    {
        _a = await PostgresAttackDatabase.CreateAsync(seed: false);
        _b = await PostgresAttackDatabase.CreateAsync(seed: false);
        return (Tenant("t-a", _a), Tenant("t-b", _b));
    }

    protected override DbContextOptions<AttackDb> Options() =>
        new DbContextOptionsBuilder<AttackDb>().UseNpgsql("Host=unused").UseTenancy(t => t.UseRowLevelSecurity().UseDatabasePerTenant()).Options;

    protected override Task PrepareAsync(AttackDb db) => Task.CompletedTask;

    protected override Task<long> CountAsync(TenantInfo database, string sql) =>
        (database.Id == "t-a" ? _a : _b).CountAsync(sql);

    private static TenantInfo Tenant(string id, PostgresAttackDatabase database) => new(id, id, id)
    {
        Properties = new Dictionary<string, string> { ["ConnectionString"] = database.AppConnectionString },
    };
}

/// <summary>Schema-per-tenant (PostgreSQL): the model of a context is its tenant's schema, fixed at construction.</summary>
public sealed class SchemaPerTenantBindingAttackTests : IAsyncLifetime
{
    private PostgresAttackDatabase _database = null!;
    private DbContextOptions<AttackDb> _options = null!;

    public async Task InitializeAsync()
    {
        _database = await PostgresAttackDatabase.CreateAsync(seed: false);
        _options = new DbContextOptionsBuilder<AttackDb>().UseNpgsql(_database.OwnerConnectionString)
            .UseTenancy(t => t.UseSchemaPerTenant(tenant => "tenant_" + tenant.Id.Replace('-', '_'))).Options;
        var provisioner = new TenantDatabaseProvisioner<AttackDb>(() => new AttackDb(_options));
        var results = await provisioner.MigrateAllAsync([AttackDatabase.Acme, AttackDatabase.Globex]);
        results.Should().OnlyContain(r => r.Succeeded, results.FirstOrDefault(r => !r.Succeeded)?.Error?.ToString());
        foreach (var (tenant, title) in new[] { (AttackDatabase.Acme, "a1"), (AttackDatabase.Globex, "b1") })
        {
            using var scope = AmbientCurrentTenant.Instance.Begin(tenant);
            await using var db = new AttackDb(_options);
            db.Notes.Add(new Note { Title = title });
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("query", false)]
    [InlineData("query", true)]
    [InlineData("save", false)]
    [InlineData("ExecuteUpdate", false)]
    [InlineData("ExecuteDelete", true)]
    [InlineData("raw SQL", false)]
    [InlineData("no tenant", false)]
    public async Task A_context_created_for_A_refuses_to_work_inside_Begin_B(string use, bool connectionOpen)
    {
        AttackDb db;
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        {
            db = new AttackDb(_options);
            if (connectionOpen)
            {
                await db.Database.OpenConnectionAsync();
            }
        }

        await using (db)
        using (AmbientCurrentTenant.Instance.Begin(use == "no tenant" ? null : AttackDatabase.Globex))
        {
            Func<Task> act = use switch
            {
                "query" or "no tenant" => () => db.Notes.ToListAsync(),
                "save" => () =>
                {
                    db.Notes.Add(new Note { Title = "planted" });
                    return db.SaveChangesAsync();
                },
                "ExecuteUpdate" => () => db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, "planted")),
                "ExecuteDelete" => () => db.Notes.ExecuteDeleteAsync(),
                _ => () => db.Database.ExecuteSqlRawAsync("""UPDATE "Notes" SET "Title" = 'planted'"""),
            };
            await act.Should().ThrowAsync<TenancyException>().Where(e => e is TenantMismatchException || e is TenantNotResolvedException);
        }

        (await _database.CountAsync("""SELECT count(*) FROM tenant_t_a."Notes" WHERE "TenantId" = 't-a' AND "Title" = 'a1'""")).Should().Be(1);
        (await _database.CountAsync("""SELECT count(*) FROM tenant_t_a."Notes" """)).Should().Be(1, "nothing of B's was written into A's schema");
        (await _database.CountAsync("""SELECT count(*) FROM tenant_t_b."Notes" WHERE "Title" = 'b1'""")).Should().Be(1);
        (await _database.CountAsync("""SELECT count(*) FROM tenant_t_b."Notes" """)).Should().Be(1);
    }

    [Fact]
    public async Task A_pooled_schema_per_tenant_context_rented_again_under_B_refuses_instead_of_reading_As_schema()
    {
        var pool = new PooledDbContextFactory<AttackDb>(_options, poolSize: 1);
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        await using (var db = await pool.CreateDbContextAsync())
        {
            (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("a1");
        }

        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Globex))
        await using (var db = await pool.CreateDbContextAsync())
        {
            await FluentActions.Awaiting(() => db.Notes.ToListAsync()).Should().ThrowAsync<TenantMismatchException>();
        }
    }

    [Fact]
    public async Task A_context_created_inside_Begin_B_uses_Bs_schema()
    {
        using var scope = AmbientCurrentTenant.Instance.Begin(AttackDatabase.Globex);
        await using var db = new AttackDb(_options);
        (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("b1");
    }
}
