using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.EntityFramework.Tests.Identity;

/// <summary>
/// ASP.NET Core Identity on a context that derives from <c>IdentityDbContext&lt;IdentityUser&gt;</c> (not from
/// TenantDbContext) and opts in with <see cref="ITenantDbContext"/>: users and roles are per tenant, and tenant B reaches
/// none of tenant A's rows through UserManager, RoleManager, LINQ, ExecuteUpdate/ExecuteDelete or raw SQL.
/// The same tests run on SQLite and on PostgreSQL with row-level security.
/// </summary>
public abstract class IdentityDbContextTests : IAsyncLifetime
{
    private ServiceProvider _services = null!;

    protected abstract void UseDatabase(DbContextOptionsBuilder options);

    protected abstract void UseIsolation(TenancyDbContextOptionsBuilder tenancy);

    protected virtual Task CreateDatabaseAsync() => Task.CompletedTask;

    public virtual async Task InitializeAsync()
    {
        await CreateDatabaseAsync();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTenancy().AddTenantDbContext<TenantIdentityDb>((_, options) => UseDatabase(options), UseIsolation);
        services.AddIdentityCore<IdentityUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<TenantIdentityDb>();
        _services = services.BuildServiceProvider();
    }

    public virtual async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task Two_tenants_can_each_have_a_user_with_the_same_name_and_each_sees_only_its_own()
    {
        var acme = await CreateUserAsync(Tenants.Acme, "alice");
        var globex = await CreateUserAsync(Tenants.Globex, "alice");

        acme.Should().NotBe(globex);
        (await InAsync(Tenants.Acme, (users, _) => users.FindByNameAsync("alice")))!.Id.Should().Be(acme);
        (await InAsync(Tenants.Globex, (users, _) => users.FindByNameAsync("alice")))!.Id.Should().Be(globex);
        (await InAsync(Tenants.Globex, (users, _) => users.Users.CountAsync())).Should().Be(1);
    }

    [Fact]
    public async Task A_duplicate_user_name_within_one_tenant_is_still_refused()
    {
        await CreateUserAsync(Tenants.Acme, "alice");
        var second = await InAsync(Tenants.Acme, (users, _) => users.CreateAsync(new IdentityUser("alice")));
        second.Succeeded.Should().BeFalse();
        second.Errors.Should().Contain(e => e.Code == "DuplicateUserName");
    }

    [Fact]
    public async Task Roles_and_role_membership_are_per_tenant()
    {
        var acme = await CreateUserAsync(Tenants.Acme, "alice");
        var globex = await CreateUserAsync(Tenants.Globex, "alice");
        await InAsync(Tenants.Acme, async (users, roles) =>
        {
            (await roles.CreateAsync(new IdentityRole("admin"))).Succeeded.Should().BeTrue();
            (await users.AddToRoleAsync((await users.FindByIdAsync(acme))!, "admin")).Succeeded.Should().BeTrue();
            return 0;
        });

        await InAsync(Tenants.Globex, async (users, roles) =>
        {
            (await roles.RoleExistsAsync("admin")).Should().BeFalse("acme's role is invisible to globex");
            (await users.IsInRoleAsync((await users.FindByIdAsync(globex))!, "admin")).Should().BeFalse();
            (await roles.CreateAsync(new IdentityRole("admin"))).Succeeded.Should().BeTrue("role names are unique per tenant");
            (await users.GetUsersInRoleAsync("admin")).Should().BeEmpty();
            return 0;
        });

        (await InAsync(Tenants.Acme, (users, _) => users.GetUsersInRoleAsync("admin"))).Select(u => u.Id).Should().Equal(acme);
    }

    [Fact]
    public async Task Tenant_B_cannot_find_update_or_delete_tenant_A_users_through_UserManager()
    {
        var alice = await CreateUserAsync(Tenants.Acme, "alice", "alice@acme.test");
        var leaked = await InAsync(Tenants.Acme, (users, _) => users.FindByIdAsync(alice));

        await InAsync(Tenants.Globex, async (users, _) =>
        {
            (await users.FindByIdAsync(alice)).Should().BeNull();
            (await users.FindByNameAsync("alice")).Should().BeNull();
            (await users.FindByEmailAsync("alice@acme.test")).Should().BeNull();

            leaked!.Email = "mallory@globex.test";
            await FluentActions.Awaiting(() => users.UpdateAsync(leaked)).Should().ThrowAsync<TenantMismatchException>();
            return 0;
        });
        await InAsync(Tenants.Globex, async (users, _) =>
        {
            await FluentActions.Awaiting(() => users.DeleteAsync(leaked!)).Should().ThrowAsync<TenantMismatchException>();
            return 0;
        });

        var after = await InAsync(Tenants.Acme, (users, _) => users.FindByIdAsync(alice));
        after.Should().NotBeNull("globex's delete changed nothing");
        after!.Email.Should().Be("alice@acme.test", "globex's update changed nothing");
    }

    [Fact]
    public async Task A_detached_user_without_its_shadow_tenant_id_is_refused_even_in_its_own_tenant()
    {
        var alice = await CreateUserAsync(Tenants.Acme, "alice", "alice@acme.test");
        var detached = await InAsync(Tenants.Acme, (users, _) => users.FindByIdAsync(alice));

        await InContextAsync(Tenants.Acme, async db =>
        {
            detached!.Email = "new@acme.test";
            db.Users.Update(detached);
            await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<TenantMismatchException>();
        });
        await InAsync(Tenants.Acme, async (users, _) =>
        {
            var tracked = (await users.FindByIdAsync(alice))!;
            tracked.Email = "new@acme.test";
            (await users.UpdateAsync(tracked)).Succeeded.Should().BeTrue("a user loaded by the context it is saved through carries its tenant id");
            return 0;
        });
    }

    [Fact]
    public async Task Tenant_B_reaches_none_of_tenant_A_users_through_LINQ_or_ExecuteUpdate_or_ExecuteDelete()
    {
        var alice = await CreateUserAsync(Tenants.Acme, "alice", "alice@acme.test");

        await InContextAsync(Tenants.Globex, async db =>
        {
            (await db.Users.Where(u => u.Id == alice).ToListAsync()).Should().BeEmpty();
            (await db.Users.AnyAsync(u => u.UserName == "alice")).Should().BeFalse();
            (await db.Users.Where(u => u.Id == alice).ExecuteUpdateAsync(s => s.SetProperty(u => u.Email, "mallory@globex.test"))).Should().Be(0);
            (await db.Users.Where(u => u.Id == alice).ExecuteDeleteAsync()).Should().Be(0);
            await FluentActions.Awaiting(() => db.Users.IgnoreQueryFilters().ToListAsync()).Should().ThrowAsync<TenantFilterBypassException>();
            await FluentActions.Awaiting(() => db.Users.ExecuteUpdateAsync(s => s.SetProperty(u => EF.Property<string>(u, TenancyModel.TenantIdProperty), "globex")))
                .Should().ThrowAsync<TenantMismatchException>();
        });

        (await InAsync(Tenants.Acme, (users, _) => users.FindByIdAsync(alice)))!.Email.Should().Be("alice@acme.test");
    }

    [Fact]
    public async Task Raw_SQL_composed_with_LINQ_still_sees_only_the_current_tenant()
    {
        await CreateUserAsync(Tenants.Acme, "alice");
        await CreateUserAsync(Tenants.Globex, "bob");

        var names = await InContextAsync(Tenants.Globex, db => db.Users.FromSqlRaw("SELECT * FROM \"AspNetUsers\"").Select(u => u.UserName).ToListAsync());
        names.Should().Equal("bob");
    }

    [Fact]
    public async Task Without_a_tenant_Identity_fails_closed()
    {
        await CreateUserAsync(Tenants.Acme, "alice");
        await using var scope = _services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>();
        await FluentActions.Awaiting(() => users.FindByNameAsync("alice")).Should().ThrowAsync<TenantNotResolvedException>();
        await FluentActions.Awaiting(() => users.CreateAsync(new IdentityUser("eve"))).Should().ThrowAsync<TenantNotResolvedException>();
    }

    [Fact]
    public void An_ITenantDbContext_configured_without_UseTenancy_is_refused_at_construction()
    {
        var options = new DbContextOptionsBuilder<TenantIdentityDb>();
        UseDatabase(options);
        FluentActions.Invoking(() => new TenantIdentityDb(options.Options)).Should().Throw<InvalidOperationException>().WithMessage("*UseTenancy*");
    }

    [Fact]
    public async Task A_bypass_scope_left_open_does_not_outlive_a_pooled_rental()
    {
        var services = new ServiceCollection();
        services.AddTenancy().AddTenantDbContextPool<TenantIdentityDb>((_, options) => UseDatabase(options), UseIsolation, poolSize: 1);
        await using var provider = services.BuildServiceProvider();
        TenantIdentityDb first;
        await using (var scope = provider.CreateAsyncScope())
        {
            first = scope.ServiceProvider.GetRequiredService<TenantIdentityDb>();
            first.Tenancy.BypassTenantFilter("forgotten on purpose");
            first.Tenancy.IsTenantFilterBypassed.Should().BeTrue();
        }

        await using (var scope = provider.CreateAsyncScope())
        {
            var second = scope.ServiceProvider.GetRequiredService<TenantIdentityDb>();
            second.Should().BeSameAs(first, "the pool hands the same context out again");
            second.Tenancy.IsTenantFilterBypassed.Should().BeFalse();
        }
    }

    protected async Task<T> InContextAsync<T>(TenantInfo tenant, Func<TenantIdentityDb, Task<T>> action)
    {
        using var current = Tenants.Begin(tenant);
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TenantIdentityDb>());
    }

    protected Task InContextAsync(TenantInfo tenant, Func<TenantIdentityDb, Task> action) =>
        InContextAsync(tenant, async db =>
        {
            await action(db);
            return 0;
        });

    private async Task<T> InAsync<T>(TenantInfo tenant, Func<UserManager<IdentityUser>, RoleManager<IdentityRole>, Task<T>> action)
    {
        using var current = Tenants.Begin(tenant);
        await using var scope = _services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<UserManager<IdentityUser>>(), scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>());
    }

    private Task<string> CreateUserAsync(TenantInfo tenant, string name, string? email = null) =>
        InAsync(tenant, async (users, _) =>
        {
            var user = new IdentityUser(name) { Email = email };
            var result = await users.CreateAsync(user);
            result.Succeeded.Should().BeTrue(string.Join("; ", result.Errors.Select(e => e.Description)));
            return user.Id;
        });
}

/// <summary>Identity per tenant on SQLite (query filter and save guards).</summary>
public sealed class SqliteIdentityDbContextTests : IdentityDbContextTests
{
    private readonly string _connectionString = $"Data Source=file:tenancy-identity-{Guid.NewGuid():N}?mode=memory&cache=shared";
    private SqliteConnection? _keeper;

    protected override void UseDatabase(DbContextOptionsBuilder options) => options.UseSqlite(_connectionString);

    protected override void UseIsolation(TenancyDbContextOptionsBuilder tenancy)
    {
    }

    protected override async Task CreateDatabaseAsync()
    {
        _keeper = new SqliteConnection(_connectionString);
        await _keeper.OpenAsync();
        var options = new DbContextOptionsBuilder<TenantIdentityDb>().UseSqlite(_connectionString).UseTenancy().Options;
        await using var db = new TenantIdentityDb(options);
        await db.Database.EnsureCreatedAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_keeper is not null)
        {
            await _keeper.DisposeAsync();
        }
    }
}

/// <summary>Identity per tenant on PostgreSQL with row-level security: raw SQL that bypasses EF is confined too.</summary>
public sealed class PostgresIdentityDbContextTests : IdentityDbContextTests
{
    private PostgresDatabase _database = null!;

    protected override void UseDatabase(DbContextOptionsBuilder options) => options.UseNpgsql(_database?.AppConnectionString ?? "Host=unused");

    protected override void UseIsolation(TenancyDbContextOptionsBuilder tenancy) => tenancy.UseRowLevelSecurity();

    protected override async Task CreateDatabaseAsync() =>
        _database = await PostgresDatabase.CreateAsync(owner =>
            new TenantIdentityDb(new DbContextOptionsBuilder<TenantIdentityDb>().UseNpgsql(owner).UseTenancy().Options));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Raw_SQL_that_bypasses_EF_cannot_read_update_or_delete_another_tenants_users()
    {
        var alice = await CreateAliceAsync();

        await InContextAsync(Tenants.Globex, async db =>
        {
            (await db.Database.SqlQueryRaw<string>("SELECT \"Id\" AS \"Value\" FROM \"AspNetUsers\"").ToListAsync()).Should().BeEmpty();
            (await db.Database.ExecuteSqlRawAsync("UPDATE \"AspNetUsers\" SET \"Email\" = 'mallory@globex.test'")).Should().Be(0);
            (await db.Database.ExecuteSqlRawAsync("DELETE FROM \"AspNetUsers\"")).Should().Be(0);
            await FluentActions.Awaiting(() => db.Database.ExecuteSqlRawAsync("UPDATE \"AspNetUsers\" SET \"TenantId\" = 'globex'"))
                .Should().NotThrowAsync("the policy hides acme's rows, so nothing is moved");
        });

        (await _database.CountAsAdminAsync($"SELECT count(*) FROM \"AspNetUsers\" WHERE \"Id\" = '{alice}' AND \"TenantId\" = 'acme' AND \"Email\" = 'alice@acme.test'"))
            .Should().Be(1);
    }

    [Fact]
    public void The_tenant_tables_of_the_Identity_model_all_get_a_policy()
    {
        using var db = new TenantIdentityDb(new DbContextOptionsBuilder<TenantIdentityDb>().UseNpgsql("Host=unused").UseTenancy().Options);
        var sql = TenantRowLevelSecurity.GetEnableSql(db.Model);
        foreach (var table in new[] { "AspNetUsers", "AspNetRoles", "AspNetUserRoles", "AspNetUserClaims", "AspNetUserLogins", "AspNetUserTokens", "AspNetRoleClaims" })
        {
            sql.Should().Contain($"CREATE POLICY tenancy_tenant_isolation ON \"{table}\"");
        }
    }

    private async Task<string> CreateAliceAsync()
    {
        return await InContextAsync(Tenants.Acme, async db =>
        {
            var user = new IdentityUser("alice") { Email = "alice@acme.test", NormalizedUserName = "ALICE" };
            db.Users.Add(user);
            await db.SaveChangesAsync();
            return user.Id;
        });
    }
}
