using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace Tenancy.EntityFramework.Tests;

public sealed class SaveGuardTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public SaveGuardTests()
    {
        _database.Seed(Tenants.Acme, "a1");
        _database.Seed(Tenants.Globex, "g1");
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Added_rows_are_stamped_with_the_current_tenant_including_shadow_properties()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        using var db = _database.CreateContext();
        var note = new Note { Title = "new" };
        var tag = new Tag { Name = "red" };
        db.AddRange(note, tag);
        db.SaveChanges();

        note.TenantId.Should().Be("acme");
        db.Entry(tag).Property(TenancyModel.TenantIdProperty).CurrentValue.Should().Be("acme");
    }

    [Fact]
    public void Saving_without_a_tenant_throws_and_writes_nothing()
    {
        using (var db = _database.CreateContext())
        {
            db.Notes.Add(new Note { Title = "orphan" });
            FluentActions.Invoking(() => db.SaveChanges()).Should().Throw<TenantNotResolvedException>();
        }

        CountAll().Should().Be(2);
    }

    [Fact]
    public async Task An_added_row_stamped_with_another_tenant_is_refused()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        using var db = _database.CreateContext();
        db.Notes.Add(new Note { Title = "planted", TenantId = "globex" });

        await FluentActions.Invoking(() => db.SaveChangesAsync()).Should().ThrowAsync<TenantMismatchException>();
        CountAll().Should().Be(2);
    }

    [Fact]
    public void A_refused_write_is_counted_with_the_tenant_tag()
    {
        // The host's own meter factory: another test's refused writes in this process are never counted here.
        using var provider = Host();
        using var refused = RefusedWrites(provider);

        using (Tenants.Begin(Tenants.Acme))
        using (var scope = provider.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<TestDb>();
            db.Notes.Add(new Note { Title = "planted", TenantId = "globex" });
            FluentActions.Invoking(() => db.SaveChanges()).Should().Throw<TenantMismatchException>();
        }

        refused.GetMeasurementSnapshot().Should().ContainSingle().Which.Should().Match<CollectedMeasurement<long>>(m =>
            m.Value == 1 && m.MatchesTags(
                new KeyValuePair<string, object?>(global::Tenancy.Diagnostics.TenancyTelemetry.TenantIdTag, "acme"),
                new KeyValuePair<string, object?>("reason", "other-tenant")));
    }

    [Fact]
    public void A_context_built_without_the_host_meters_nothing_and_still_refuses()
    {
        using var provider = Host();
        using var refused = RefusedWrites(provider);

        using (Tenants.Begin(Tenants.Acme))
        using (var db = _database.CreateContext())
        {
            db.Notes.Add(new Note { Title = "planted", TenantId = "globex" });
            FluentActions.Invoking(() => db.SaveChanges()).Should().Throw<TenantMismatchException>();
        }

        refused.GetMeasurementSnapshot().Should().BeEmpty("the context belongs to no host, so this host's meter sees none of its traffic");
        CountAll().Should().Be(2);
    }

    private ServiceProvider Host()
    {
        var services = new ServiceCollection();
        services.AddTenancy().AddTenantDbContext<TestDb>((_, o) => o.UseSqlite(_database.ConnectionString));
        return services.BuildServiceProvider();
    }

    private static MetricCollector<long> RefusedWrites(ServiceProvider host) =>
        new(host.GetRequiredService<IMeterFactory>(), TenancyEntityFrameworkTelemetry.Name, TenancyEntityFrameworkTelemetry.RefusedWritesCounter);

    [Fact]
    public void Changing_the_tenant_id_of_a_row_is_refused()
    {
        using var scope = Tenants.Begin(Tenants.Acme);
        using var db = _database.CreateContext();
        var note = db.Notes.Single();
        note.TenantId = "globex";

        FluentActions.Invoking(() => db.SaveChanges()).Should().Throw<TenantMismatchException>();
    }

    [Fact]
    public void Modifying_or_deleting_an_attached_row_of_another_tenant_is_refused()
    {
        var globexId = IdOf("g1");
        using var scope = Tenants.Begin(Tenants.Acme);
        using (var db = _database.CreateContext())
        {
            db.Notes.Attach(new Note { Id = globexId, TenantId = "globex", Title = "g1" }).Entity.Title = "stolen";
            FluentActions.Invoking(() => db.SaveChanges()).Should().Throw<TenantMismatchException>();
        }

        using (var db = _database.CreateContext())
        {
            db.Notes.Remove(new Note { Id = globexId, TenantId = "globex" });
            FluentActions.Invoking(() => db.SaveChanges()).Should().Throw<TenantMismatchException>();
        }

        TitleOf(globexId).Should().Be("g1");
    }

    [Fact]
    public void An_update_that_lies_about_the_tenant_of_another_tenants_row_matches_nothing()
    {
        var globexId = IdOf("g1");
        using var scope = Tenants.Begin(Tenants.Acme);
        using (var db = _database.CreateContext())
        {
            db.Notes.Update(new Note { Id = globexId, TenantId = "acme", Title = "stolen" });
            FluentActions.Invoking(() => db.SaveChanges()).Should().Throw<DbUpdateConcurrencyException>();
        }

        using (var db = _database.CreateContext())
        {
            db.Notes.Remove(new Note { Id = globexId, TenantId = "acme" });
            FluentActions.Invoking(() => db.SaveChanges()).Should().Throw<DbUpdateConcurrencyException>();
        }

        TitleOf(globexId).Should().Be("g1");
    }

    [Fact]
    public void Host_work_inside_a_bypass_scope_may_write_any_tenant_but_must_name_it()
    {
        using var db = _database.CreateContext();
        using (db.BypassTenantFilter("test: import"))
        {
            db.Notes.Add(new Note { Title = "imported", TenantId = "globex" });
            db.SaveChanges();
            db.Notes.Add(new Note { Title = "nameless" });
            FluentActions.Invoking(() => db.SaveChanges()).Should().Throw<TenantNotResolvedException>();
        }
    }

    private int CountAll()
    {
        using var db = _database.CreateContext();
        using (db.BypassTenantFilter("test count"))
        {
            return db.Notes.IgnoreTenantFilter().Count();
        }
    }

    private int IdOf(string title)
    {
        using var db = _database.CreateContext();
        using (db.BypassTenantFilter("test lookup"))
        {
            return db.Notes.IgnoreTenantFilter().Single(n => n.Title == title).Id;
        }
    }

    private string TitleOf(int id)
    {
        using var db = _database.CreateContext();
        using (db.BypassTenantFilter("test lookup"))
        {
            return db.Notes.IgnoreTenantFilter().Single(n => n.Id == id).Title;
        }
    }
}
