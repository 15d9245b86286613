using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.Interception;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.EntityFramework.Tests;

/// <summary>The guards of issue 7 on the unit-test model (SQLite): translated-SQL checks, bypass scopes, model validation, binding.</summary>
public sealed class GuardTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public GuardTests()
    {
        _database.Seed(Tenants.Acme, "a1");
        _database.Seed(Tenants.Globex, "g1");
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public void ExecuteUpdate_through_an_anonymous_projection_cannot_write_the_tenant_id()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        using var db = _database.CreateContext();
        FluentActions.Invoking(() => db.Notes.Select(n => new { N = n, One = 1 }).ExecuteUpdate(s => s.SetProperty(x => x.N.TenantId, "globex")))
            .Should().Throw<TenantMismatchException>().WithMessage("*Notes.TenantId*");
        FluentActions.Invoking(() => db.Tags.ExecuteUpdate(s => s.SetProperty(t => EF.Property<string>(t, "TenantId"), t => t.Name)))
            .Should().Throw<TenantMismatchException>();
        db.Notes.Count().Should().Be(1);
    }

    [Fact]
    public void ExecuteUpdate_of_other_columns_stays_filtered()
    {
        using (Tenants.Begin(Tenants.Acme))
        using (var db = _database.CreateContext())
        {
            db.Notes.ExecuteUpdate(s => s.SetProperty(n => n.Title, "changed")).Should().Be(1);
        }

        using (Tenants.Begin(Tenants.Globex))
        using (var db = _database.CreateContext())
        {
            db.Notes.Select(n => n.Title).Should().Equal("g1");
        }
    }

    [Fact]
    public void IgnoreQueryFilters_outside_a_bypass_scope_is_refused_but_other_named_filters_may_go()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        using var db = _database.CreateContext();
        FluentActions.Invoking(() => db.Notes.IgnoreQueryFilters().ToList()).Should().Throw<TenantFilterBypassException>();
        FluentActions.Invoking(() => db.Comments.IgnoreQueryFilters([TenancyModel.TenantFilterName]).Count()).Should().Throw<TenantFilterBypassException>();
        db.Notes.IgnoreQueryFilters([TestDb.SoftDeleteFilter]).Select(n => n.Title).Should().Equal("a1");
        db.Countries.IgnoreQueryFilters().Count().Should().Be(0);
    }

    [Fact]
    public void A_query_cached_inside_a_bypass_scope_is_refused_after_it_closes()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        using var db = _database.CreateContext();
        using (db.BypassTenantFilter("test: count every tenant"))
        {
            db.Notes.IgnoreQueryFilters().Count().Should().Be(2);
        }

        FluentActions.Invoking(() => db.Notes.IgnoreQueryFilters().Count()).Should().Throw<TenantFilterBypassException>();
    }

    [Fact]
    public void A_subclass_that_skips_base_ConfigureConventions_still_gets_the_tenant_filter()
    {
        using var db = new NoBaseDb(new DbContextOptionsBuilder<NoBaseDb>().UseSqlite(_database.ConnectionString).UseTenancy().Options);
        var filter = db.Model.FindEntityType(typeof(Note))!.FindDeclaredQueryFilter(TenancyModel.TenantFilterName);
        filter.Should().NotBeNull();
        using var scope = Tenants.Begin(Tenants.Acme);
        db.Notes.Select(n => n.Title).Should().Equal("a1");
    }

    [Fact]
    public void A_plain_DbContext_with_tenant_scoped_entities_is_refused_at_model_build()
    {
        var builder = new DbContextOptionsBuilder<PlainDb>().UseSqlite(_database.ConnectionString);
        ((DbContextOptionsBuilder)builder).UseTenancy();
        using var db = new PlainDb(builder.Options);
        FluentActions.Invoking(() => db.Model).Should().Throw<TenancyConfigurationException>().WithMessage("*Note*TenantDbContext*");
    }

    [Fact]
    public void UseTenancy_before_the_provider_is_a_clear_configuration_error()
    {
        var options = new DbContextOptionsBuilder<TestDb>().UseTenancy().UseSqlite(_database.ConnectionString).Options;
        FluentActions.Invoking(() =>
        {
            using var db = new TestDb(options);
            return db.Notes.Count();
        }).Should().Throw<TenancyConfigurationException>().WithMessage("*after the database provider*");
    }

    [Fact]
    public async Task A_database_per_tenant_context_with_a_connection_open_for_one_tenant_refuses_another()
    {
        var folder = Directory.CreateTempSubdirectory("tenancy-guard-").FullName;
        try
        {
            TenantInfo Tenant(string id) => new(id, id, id) { Properties = new Dictionary<string, string> { ["ConnectionString"] = $"Data Source={Path.Combine(folder, id + ".db")}" } };
            var (a, b) = (Tenant("a"), Tenant("b"));
            var options = new DbContextOptionsBuilder<TestDb>().UseSqlite("Data Source=:memory:").UseTenancy(t => t.UseDatabasePerTenant()).Options;
            await using var db = new TestDb(options);
            using (Tenants.Begin(a))
            {
                await db.Database.EnsureCreatedAsync();
                await db.Database.OpenConnectionAsync();
            }

            using (Tenants.Begin(b))
            {
                await FluentActions.Awaiting(() => db.Notes.ToListAsync()).Should().ThrowAsync<TenantMismatchException>();
                db.Notes.Add(new Note { Title = "b's" });
                await FluentActions.Awaiting(() => db.SaveChangesAsync()).Should().ThrowAsync<TenantMismatchException>();
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_row_level_security_prefix_is_transaction_local_and_inlines_only_valid_ids()
    {
        var interceptor = new RowLevelSecurityCommandInterceptor(new TenancyDbContextOptions());
        interceptor.GetPrefix("acme").Should().Be("DO $tenancy$BEGIN PERFORM set_config('tenancy.tenant_id', 'acme', true); END$tenancy$;\n");
        interceptor.GetPrefix(null).Should().Contain("set_config('tenancy.tenant_id', '', true)");
        FluentActions.Invoking(() => interceptor.GetPrefix("x'; DROP TABLE t; --")).Should().Throw<InvalidTenantIdException>();
    }

    [Fact]
    public void Every_EF_log_event_has_a_name_and_an_id_in_the_EF_range()
    {
        var events = typeof(TenancyLog).GetMethods(System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic)
            .Select(m => m.GetCustomAttributes(typeof(Microsoft.Extensions.Logging.LoggerMessageAttribute), false).Cast<Microsoft.Extensions.Logging.LoggerMessageAttribute>().SingleOrDefault())
            .OfType<Microsoft.Extensions.Logging.LoggerMessageAttribute>()
            .ToList();
        events.Should().NotBeEmpty();
        events.Should().OnlyContain(e => e.EventId >= 3000 && e.EventId <= 3999 && !string.IsNullOrEmpty(e.EventName));
    }

    [Fact]
    public void The_EF_package_references_no_database_provider_so_SQLite_apps_do_not_download_Npgsql()
    {
        typeof(TenantDbContext).Assembly.GetReferencedAssemblies().Select(a => a.Name)
            .Should().NotContain(name => name!.StartsWith("Npgsql", StringComparison.OrdinalIgnoreCase));
        typeof(TenantRowLevelSecurity).Assembly.GetReferencedAssemblies().Select(a => a.Name).Should().Contain("Npgsql");
    }

    [Fact]
    public void Row_level_security_on_a_provider_other_than_PostgreSQL_is_refused_at_configuration()
    {
        FluentActions.Invoking(() => new DbContextOptionsBuilder<TestDb>().UseSqlite("Data Source=:memory:").UseTenancy(t => t.UseRowLevelSecurity()))
            .Should().Throw<TenancyConfigurationException>().WithMessage("*PostgreSQL*Microsoft.EntityFrameworkCore.Sqlite*");
        FluentActions.Invoking(() => new DbContextOptionsBuilder<TestDb>().UseTenancy(t => t.UseRowLevelSecurity()))
            .Should().Throw<TenancyConfigurationException>().WithMessage("*UseNpgsql*not chosen yet*");
    }

    [Fact]
    public void Row_level_security_configured_twice_is_refused_rather_than_prefixing_every_command_twice()
    {
        FluentActions.Invoking(() => new DbContextOptionsBuilder<TestDb>().UseNpgsql("Host=unused").UseTenancy(t => t.UseRowLevelSecurity().UseRowLevelSecurity("app.tenant")))
            .Should().Throw<InvalidOperationException>().WithMessage("*already*");
        var options = new DbContextOptionsBuilder<TestDb>().UseNpgsql("Host=unused").UseTenancy(t => t.UseRowLevelSecurity("app.tenant")).Options;
        options.Extensions.Should().ContainSingle(e => e.GetType().Name == "CoreOptionsExtension")
            .Which.Should().BeAssignableTo<Microsoft.EntityFrameworkCore.Infrastructure.CoreOptionsExtension>()
            .Which.Interceptors!.OfType<RowLevelSecurityCommandInterceptor>().Should().ContainSingle();
    }

    public sealed class NoBaseDb(DbContextOptions<NoBaseDb> options) : TenantDbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        {
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Note>().Ignore(n => n.Comments);
    }

    public sealed class PlainDb(DbContextOptions<PlainDb> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Note>().Ignore(n => n.Comments);
    }
}
