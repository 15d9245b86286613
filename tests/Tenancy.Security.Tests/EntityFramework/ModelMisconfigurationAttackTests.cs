using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;

namespace Tenancy.Security.Tests.EntityFramework;

/// <summary>
/// Issue 7 item 6: a model with tenant-scoped entities that lacks the tenant filter, stamp or guard fails loudly, naming
/// the entity and the fix — whatever base class or override order the user chose. Where it can be made to work (a
/// subclass that forgets base calls) it simply works.
/// </summary>
public sealed class ModelMisconfigurationAttackTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");

    public ModelMisconfigurationAttackTests() => _connection.Open();

    public void Dispose() => _connection.Dispose();

    [Fact]
    public async Task A_subclass_that_overrides_ConfigureConventions_without_base_still_filters_stamps_and_fails_closed()
    {
        var options = new DbContextOptionsBuilder<ForgetfulDb>().UseSqlite(_connection).UseTenancy().Options;
        await using (var db = new ForgetfulDb(options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        foreach (var tenant in new[] { AttackDatabase.Acme, AttackDatabase.Globex })
        {
            using var scope = AmbientCurrentTenant.Instance.Begin(tenant);
            await using var db = new ForgetfulDb(options);
            db.Notes.Add(new Note { Title = tenant.Id });
            await db.SaveChangesAsync();
        }

        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        await using (var db = new ForgetfulDb(options))
        {
            (await db.Notes.Select(n => n.TenantId + ":" + n.Title).ToListAsync()).Should().Equal("t-a:t-a");
        }

        await using (var db = new ForgetfulDb(options))
        {
            await FluentActions.Awaiting(() => db.Notes.ToListAsync()).Should().ThrowAsync<TenantNotResolvedException>();
        }
    }

    [Fact]
    public void A_plain_DbContext_with_tenant_scoped_entities_and_UseTenancy_fails_naming_the_entity_and_the_fix()
    {
        var builder = new DbContextOptionsBuilder<PlainDb>().UseSqlite(_connection);
        ((DbContextOptionsBuilder)builder).UseTenancy();
        using var db = new PlainDb(builder.Options);
        using var scope = AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme);
        FluentActions.Invoking(() => db.Notes.ToList()).Should().Throw<TenancyConfigurationException>()
            .WithMessage("*Note*TenantDbContext*");
    }

    [Fact]
    public void A_tenant_filter_replaced_by_the_users_own_HasQueryFilter_fails_at_model_build()
    {
        using var db = new ReplacedFilterDb(new DbContextOptionsBuilder<ReplacedFilterDb>().UseSqlite(_connection).UseTenancy().Options);
        using var scope = AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme);
        FluentActions.Invoking(() => db.Model).Should().Throw<TenancyConfigurationException>()
            .WithMessage($"*{TenancyModel.TenantFilterName}*Note*");
    }

    [Fact]
    public void An_untenanted_entity_mapped_onto_a_tenant_table_fails_at_model_build()
    {
        using var db = new AliasDb(new DbContextOptionsBuilder<AliasDb>().UseSqlite(_connection).UseTenancy().Options);
        FluentActions.Invoking(() => db.Model).Should().Throw<TenancyConfigurationException>().WithMessage("*NoteAlias*Notes*");
    }

    [Fact]
    public void A_subclass_that_overrides_OnModelCreating_without_base_keeps_the_filter_next_to_its_own_anonymous_one()
    {
        using var db = new AnonymousFilterDb(new DbContextOptionsBuilder<AnonymousFilterDb>().UseSqlite(_connection).UseTenancy().Options);
        var act = () => db.Model.FindEntityType(typeof(Note))!.FindDeclaredQueryFilter(TenancyModel.TenantFilterName);
        // EF Core refuses to mix an anonymous filter with named ones; either way the tenant filter is never silently lost.
        try
        {
            act().Should().NotBeNull();
        }
        catch (InvalidOperationException exception)
        {
            exception.Message.Should().Contain("filter");
        }
    }

    public sealed class ForgetfulDb(DbContextOptions<ForgetfulDb> options) : TenantDbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
        {
            // no base call
        }

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            // no base call
            modelBuilder.Entity<Note>().Ignore(n => n.Meta).Ignore(n => n.Stamp).Ignore(n => n.Comments);
        }
    }

    public sealed class PlainDb(DbContextOptions<PlainDb> options) : DbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Note>().Ignore(n => n.Meta).Ignore(n => n.Stamp).Ignore(n => n.Comments);
    }

    public sealed class ReplacedFilterDb(DbContextOptions<ReplacedFilterDb> options) : TenantDbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Note>().Ignore(n => n.Meta).Ignore(n => n.Stamp).Ignore(n => n.Comments);
            modelBuilder.Entity<Note>().HasQueryFilter(TenancyModel.TenantFilterName, n => true);
        }
    }

    public sealed class AliasDb(DbContextOptions<AliasDb> options) : TenantDbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        protected override void OnModelCreating(ModelBuilder modelBuilder)
        {
            modelBuilder.Entity<Note>().Ignore(n => n.Meta).Ignore(n => n.Stamp).Ignore(n => n.Comments).ToTable("Notes");
            modelBuilder.Entity<NoteAlias>().ToTable("Notes").HasKey(n => n.Id);
            modelBuilder.Entity<NoteAlias>().HasOne<Note>().WithOne().HasForeignKey<NoteAlias>(n => n.Id);
        }
    }

    public sealed class NoteAlias
    {
        public int Id { get; set; }

        public string Title { get; set; } = "";
    }

    public sealed class AnonymousFilterDb(DbContextOptions<AnonymousFilterDb> options) : TenantDbContext(options)
    {
        public DbSet<Note> Notes => Set<Note>();

        protected override void OnModelCreating(ModelBuilder modelBuilder) =>
            modelBuilder.Entity<Note>().Ignore(n => n.Meta).Ignore(n => n.Stamp).Ignore(n => n.Comments).HasQueryFilter(n => !n.IsDeleted);
    }
}
