using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Tenancy.EntityFramework.Tests;

public sealed class FilterTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public FilterTests()
    {
        _database.Seed(Tenants.Acme, "a1", "a2");
        _database.Seed(Tenants.Globex, "g1");
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public void A_tenant_sees_only_its_own_rows()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        using var db = _database.CreateContext();

        db.Notes.Select(n => n.Title).OrderBy(t => t).ToList().Should().Equal("a1", "a2");
        db.Comments.Select(c => c.Text).OrderBy(t => t).ToList().Should().Equal("on a1", "on a2");
        db.Notes.Find(GlobexNoteId()).Should().BeNull("Find goes through the filter for rows that are not tracked");
    }

    [Fact]
    public void Switching_the_ambient_tenant_switches_the_rows_on_the_same_context()
    {
        using var db = _database.CreateContext();
        using (Tenants.Begin(Tenants.Acme))
        {
            db.Notes.Count().Should().Be(2);
        }

        using (Tenants.Begin(Tenants.Globex))
        {
            db.Notes.Select(n => n.Title).ToList().Should().Equal("g1");
        }
    }

    [Fact]
    public void Querying_without_a_tenant_throws_instead_of_returning_every_row()
    {
        using var db = _database.CreateContext();

        var act = () => db.Notes.ToList();

        act.Should().Throw<TenantNotResolvedException>();
        FluentActions.Invoking(() => db.Comments.Count()).Should().Throw<TenantNotResolvedException>();
    }

    [Fact]
    public void Entities_that_are_not_tenant_scoped_are_not_filtered()
    {
        using var db = _database.CreateContext();
        db.Countries.Add(new Country { Code = "NL" });
        db.SaveChanges();

        db.Countries.Count().Should().Be(1);
    }

    [Fact]
    public void The_filter_is_one_parameter_and_the_model_is_built_once_for_all_tenants()
    {
        string acmeSql, globexSql;
        IModel acmeModel, globexModel;
        using (Tenants.Begin(Tenants.Acme))
        using (var db = _database.CreateContext())
        {
            acmeSql = db.Notes.Where(n => n.Title != "x").ToQueryString();
            acmeModel = db.Model;
        }

        using (Tenants.Begin(Tenants.Globex))
        using (var db = _database.CreateContext())
        {
            globexSql = db.Notes.Where(n => n.Title != "x").ToQueryString();
            globexModel = db.Model;
        }

        globexModel.Should().BeSameAs(acmeModel);
        Strip(acmeSql).Should().Be(Strip(globexSql), "the SQL text is the same for every tenant");
        acmeSql.Should().Contain("'acme'").And.NotContain("'globex'");
        CountParameters(acmeSql).Should().Be(1, "the tenant id is the only parameter of this query");
        acmeModel.FindEntityType(typeof(Note))!.GetDeclaredQueryFilters().Select(f => f.Key)
            .Should().BeEquivalentTo([TenancyModel.TenantFilterName, TestDb.SoftDeleteFilter]);

        static string Strip(string sql) => string.Join('\n', sql.Split('\n').Where(l => !l.StartsWith(".param", StringComparison.Ordinal)));
        static int CountParameters(string sql) => sql.Split('\n').Count(l => l.StartsWith(".param set", StringComparison.Ordinal));
    }

    [Fact]
    public void Indexes_lead_with_the_tenant_id_so_uniqueness_is_per_tenant()
    {
        using var db = _database.CreateContext();
        var index = db.Model.FindEntityType(typeof(Note))!.GetIndexes().Single(i => i.IsUnique);
        index.Properties.Select(p => p.Name).Should().Equal(TenancyModel.TenantIdProperty, nameof(Note.Title));
        db.Model.FindEntityType(typeof(Tag))!.GetIndexes().Single().Properties[0].Name.Should().Be(TenancyModel.TenantIdProperty);

        using (Tenants.Begin(Tenants.Globex))
        {
            db.Notes.Add(new Note { Title = "a1" });
            db.SaveChanges();
        }

        using (Tenants.Begin(Tenants.Globex))
        using (var again = _database.CreateContext())
        {
            again.Notes.Add(new Note { Title = "a1" });
            FluentActions.Invoking(() => again.SaveChanges()).Should().Throw<DbUpdateException>();
        }
    }

    [Fact]
    public void ExecuteUpdate_and_ExecuteDelete_touch_only_the_current_tenants_rows()
    {
        using (Tenants.Begin(Tenants.Acme))
        using (var db = _database.CreateContext())
        {
            db.Notes.ExecuteUpdate(s => s.SetProperty(n => n.Title, n => n.Title + "!")).Should().Be(2);
            db.Comments.ExecuteDelete().Should().Be(2);
            db.Notes.Where(n => n.Id == GlobexNoteId()).ExecuteUpdate(s => s.SetProperty(n => n.Title, "stolen")).Should().Be(0);
        }

        using (Tenants.Begin(Tenants.Globex))
        using (var db = _database.CreateContext())
        {
            db.Notes.Select(n => n.Title).ToList().Should().Equal("g1");
            db.Comments.Count().Should().Be(1);
        }
    }

    [Fact]
    public void ExecuteUpdate_cannot_move_rows_to_another_tenant()
    {
        using (Tenants.Begin(Tenants.Acme))
        using (var db = _database.CreateContext())
        {
            FluentActions.Invoking(() => db.Notes.ExecuteUpdate(s => s.SetProperty(n => n.TenantId, "globex"))).Should().Throw<TenantMismatchException>();
            FluentActions.Invoking(() => db.Tags.ExecuteUpdate(s => s.SetProperty(t => EF.Property<string>(t, TenancyModel.TenantIdProperty), "globex")))
                .Should().Throw<TenantMismatchException>();
            db.Notes.ExecuteUpdate(s => s.SetProperty(n => n.Title, n => n.TenantId + ":" + n.Title)).Should().Be(2, "reading the tenant id is fine");
        }

        using (Tenants.Begin(Tenants.Globex))
        using (var db = _database.CreateContext())
        {
            db.Notes.Count().Should().Be(1);
        }
    }

    [Fact]
    public void ExecuteDelete_without_a_tenant_throws_and_deletes_nothing()
    {
        using (var db = _database.CreateContext())
        {
            FluentActions.Invoking(() => db.Notes.ExecuteDelete()).Should().Throw<TenantNotResolvedException>();
        }

        using var scope = Tenants.Begin(Tenants.Globex);
        using var check = _database.CreateContext();
        check.Notes.Count().Should().Be(1);
    }

    [Fact]
    public void Bypassing_the_tenant_filter_needs_an_explicit_scope_and_keeps_soft_delete()
    {
        using (Tenants.Begin(Tenants.Acme))
        using (var db = _database.CreateContext())
        {
            db.Notes.Single(n => n.Title == "a2").IsDeleted = true;
            db.SaveChanges();
        }

        using var host = _database.CreateContext();
        FluentActions.Invoking(() => host.Notes.IgnoreTenantFilter()).Should().Throw<TenancyException>();

        using (host.BypassTenantFilter("test: count every tenant's notes"))
        {
            host.IsTenantFilterBypassed.Should().BeTrue();
            host.Notes.IgnoreTenantFilter().Select(n => n.Title).OrderBy(t => t).ToList().Should().Equal("a1", "g1");
        }

        host.IsTenantFilterBypassed.Should().BeFalse();
        FluentActions.Invoking(() => host.Notes.IgnoreTenantFilter()).Should().Throw<TenancyException>();
    }

    private int GlobexNoteId()
    {
        using var db = _database.CreateContext();
        using (db.BypassTenantFilter("test lookup"))
        {
            return db.Notes.IgnoreTenantFilter().Single(n => n.Title == "g1").Id;
        }
    }
}
