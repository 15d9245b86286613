using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Tenancy.EntityFramework;

namespace Tenancy.Security.Tests.EntityFramework;

/// <summary>
/// Issue 7 item 4: dropping the tenant filter (IgnoreQueryFilters in any form, anywhere in a query) outside an explicit
/// bypass scope fails with <see cref="TenantFilterBypassException"/>; other named filters may still be dropped; every
/// bypass is logged and metered with the member that opened it.
/// </summary>
public abstract class FilterBypassAttackTests : IAsyncLifetime
{
    private readonly Func<AttackDb, IAsyncEnumerable<Note>> _compiledEveryNote = EF.CompileAsyncQuery((AttackDb db) => db.Notes.IgnoreQueryFilters());

    private AttackDatabase _database = null!;

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public static TheoryData<string> Queries() =>
    [
        "IgnoreQueryFilters()", "IgnoreQueryFilters([tenant])", "IgnoreQueryFilters([tenant, soft delete])", "Include of a filtered navigation",
        "subquery", "set operation", "FromSql", "projection through a navigation", "Any", "ExecuteDelete", "ExecuteUpdate",
    ];

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Dropping_the_tenant_filter_outside_a_bypass_scope_is_refused(string query)
    {
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        await using (var db = _database.Create())
        {
            await FluentActions.Awaiting(() => Run(db, query)).Should().ThrowAsync<Exception>().Where(e => IsBypassRefusal(e));
        }

        await using (var anonymous = _database.Create())
        {
            await FluentActions.Awaiting(() => Run(anonymous, query)).Should().ThrowAsync<Exception>("no tenant is no excuse").Where(e => IsBypassRefusal(e));
        }

        (await _database.CountAsync("""SELECT count(*) FROM "Notes" """)).Should().Be(4, "a refused bulk operation writes nothing");
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 'x'""")).Should().Be(0);
    }

    [Fact]
    public async Task Dropping_only_other_named_filters_keeps_the_tenant_filter()
    {
        using var scope = AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme);
        await using var db = _database.Create();
        (await db.Notes.IgnoreQueryFilters([AttackDb.SoftDelete]).OrderBy(n => n.Title).Select(n => n.Title).ToListAsync()).Should().Equal("a1", "a2");
        (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("a1");
        (await db.Countries.IgnoreQueryFilters().CountAsync()).Should().Be(1, "a table without tenants has no tenant filter to lose");
    }

    [Fact]
    public async Task A_compiled_or_cached_query_first_run_inside_a_bypass_scope_is_refused_outside_it()
    {
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs));
        var bypasses = new List<(long Value, string? Caller)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == TenancyEntityFrameworkTelemetry.Name)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            if (instrument.Name == TenancyEntityFrameworkTelemetry.BypassesCounter)
            {
                foreach (var tag in tags)
                {
                    if (tag.Key == TenancyEntityFrameworkTelemetry.BypassCallerTag)
                    {
                        lock (bypasses)
                        {
                            bypasses.Add((value, tag.Value as string));
                        }
                    }
                }
            }
        });
        listener.Start();

        using var tenant = AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme);
        var options = new DbContextOptionsBuilder<AttackDb>(_database.Options()).UseLoggerFactory(loggerFactory).Options;
        await using var db = new AttackDb(options);
        using (db.BypassTenantFilter("nightly report"))
        {
            (await _compiledEveryNote(db).CountAsync()).Should().Be(_database.RowLevelSecurity ? 2 : 4);
            (await db.Notes.IgnoreQueryFilters().CountAsync()).Should().Be(_database.RowLevelSecurity ? 2 : 4, "under RLS the database still shows acme's rows only");
        }

        await FluentActions.Awaiting(async () => await _compiledEveryNote(db).CountAsync()).Should().ThrowAsync<TenantFilterBypassException>();
        await FluentActions.Awaiting(() => db.Notes.IgnoreQueryFilters().CountAsync()).Should().ThrowAsync<TenantFilterBypassException>();

        logs.Entries.Should().Contain(e => e.EventId == 3001 && e.Message.Contains("nightly report") && e.Message.Contains(nameof(A_compiled_or_cached_query_first_run_inside_a_bypass_scope_is_refused_outside_it)));
        lock (bypasses)
        {
            bypasses.Should().Contain((1, nameof(A_compiled_or_cached_query_first_run_inside_a_bypass_scope_is_refused_outside_it)));
        }
    }

    [Fact]
    public async Task A_bypass_scope_on_one_context_does_not_open_another()
    {
        using var tenant = AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme);
        await using var host = _database.Create();
        await using var other = _database.Create();
        using (host.BypassTenantFilter("host work"))
        {
            await FluentActions.Awaiting(() => other.Notes.IgnoreQueryFilters().ToListAsync()).Should().ThrowAsync<TenantFilterBypassException>();
        }
    }

    protected abstract Task<AttackDatabase> CreateDatabaseAsync();

    /// <summary>The refusal itself, or EF's wrapper when it evaluated an uncorrelated subquery as a parameter.</summary>
    private static bool IsBypassRefusal(Exception exception) =>
        exception is TenantFilterBypassException || exception.InnerException is TenantFilterBypassException;

    private static Task Run(AttackDb db, string query) => query switch
    {
        "IgnoreQueryFilters()" => db.Notes.IgnoreQueryFilters().ToListAsync(),
        "IgnoreQueryFilters([tenant])" => db.Notes.IgnoreQueryFilters([TenancyModel.TenantFilterName]).ToListAsync(),
        "IgnoreQueryFilters([tenant, soft delete])" => db.Comments.IgnoreQueryFilters([AttackDb.SoftDelete, TenancyModel.TenantFilterName]).CountAsync(),
        "Include of a filtered navigation" => db.Notes.Include(n => n.Comments).IgnoreQueryFilters([TenancyModel.TenantFilterName]).ToListAsync(),
        "subquery" => db.Countries.Select(c => new { c.Code, Notes = db.Notes.IgnoreQueryFilters().Count() }).ToListAsync(),
        "set operation" => db.Notes.Select(n => n.Title).Union(db.Notes.IgnoreQueryFilters().Select(n => n.Title)).ToListAsync(),
        "FromSql" => db.Notes.FromSqlRaw("""SELECT * FROM "Notes" """).IgnoreQueryFilters().ToListAsync(),
        "projection through a navigation" => db.Comments.IgnoreQueryFilters().Select(c => c.Note!.Title).ToListAsync(),
        "Any" => db.Documents.IgnoreQueryFilters().AnyAsync(d => d.TenantId == "t-b"),
        "ExecuteDelete" => db.Notes.IgnoreQueryFilters().Where(n => n.IsDeleted).ExecuteDeleteAsync(),
        "ExecuteUpdate" => db.Notes.IgnoreQueryFilters().ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, "x")),
        _ => throw new ArgumentOutOfRangeException(nameof(query)),
    };
}

public sealed class SqliteFilterBypassAttackTests : FilterBypassAttackTests
{
    protected override async Task<AttackDatabase> CreateDatabaseAsync() => await SqliteAttackDatabase.CreateAsync();
}

public sealed class PostgresFilterBypassAttackTests : FilterBypassAttackTests
{
    protected override async Task<AttackDatabase> CreateDatabaseAsync() => await PostgresAttackDatabase.CreateAsync();
}
