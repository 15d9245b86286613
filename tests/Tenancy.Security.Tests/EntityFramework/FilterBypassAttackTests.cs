using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
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

    // The compiled/cached-query attack, its log line and its metrics are separate facts (issue 8), so a failure names
    // which of them broke; each runs its own host.
    [Fact]
    public async Task A_compiled_query_first_run_inside_a_bypass_scope_is_refused_outside_it()
    {
        var run = await RunInsideThenOutsideOfABypassAsync(CompiledEveryNote);

        run.CountsInside.Should().Equal(_database.RowLevelSecurity ? 2 : 4);
        run.ErrorsOutside.Should().ContainSingle().Which.Should().BeOfType<TenantFilterBypassException>();
    }

    [Fact]
    public async Task A_cached_query_first_run_inside_a_bypass_scope_is_refused_outside_it()
    {
        var run = await RunInsideThenOutsideOfABypassAsync(EveryNote);

        run.CountsInside.Should().Equal([_database.RowLevelSecurity ? 2 : 4], "under RLS the database still shows acme's rows only");
        run.ErrorsOutside.Should().ContainSingle().Which.Should().BeOfType<TenantFilterBypassException>();
    }

    [Fact]
    public async Task A_bypass_is_logged_with_its_reason_and_the_member_that_opened_it()
    {
        var run = await RunInsideThenOutsideOfABypassAsync(EveryNote);

        run.Logs.Should().Contain(e => e.EventId == 3001 && e.Message.Contains("nightly report") && e.Message.Contains(nameof(A_bypass_is_logged_with_its_reason_and_the_member_that_opened_it)));
    }

    [Fact]
    public async Task A_bypass_is_metered_once_with_each_query_run_inside_it_and_each_refusal_outside_it()
    {
        var run = await RunInsideThenOutsideOfABypassAsync(CompiledEveryNote, EveryNote);

        var caller = new KeyValuePair<string, object?>(TenancyEntityFrameworkTelemetry.BypassCallerTag, nameof(A_bypass_is_metered_once_with_each_query_run_inside_it_and_each_refusal_outside_it));
        run.Bypasses.Should().ContainSingle().Which.Should().Match<CollectedMeasurement<long>>(m => m.Value == 1 && m.ContainsTags(caller));
        run.BypassedQueries.Should().HaveCount(2).And.OnlyContain(m => m.ContainsTags(caller), "each execution inside the scope is counted");
        run.Refused.Should().HaveCount(2).And.OnlyContain(m => m.ContainsTags(new KeyValuePair<string, object?>("reason", "filter-ignored")));
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

    private Task<int> CompiledEveryNote(AttackDb db) => _compiledEveryNote(db).CountAsync().AsTask();

    private static Task<int> EveryNote(AttackDb db) => db.Notes.IgnoreQueryFilters().CountAsync();

    /// <summary>
    /// On a host with its own logger and <c>IMeterFactory</c> (another test's bypasses are never counted here), as acme:
    /// runs each query inside a bypass scope opened by <paramref name="caller"/>, then each again outside it.
    /// </summary>
    private async Task<BypassRun> RunInsideThenOutsideOfABypassAsync(Func<AttackDb, Task<int>> first, Func<AttackDb, Task<int>>? second = null, [System.Runtime.CompilerServices.CallerMemberName] string caller = "")
    {
        Func<AttackDb, Task<int>>[] queries = second is null ? [first] : [first, second];
        var logs = new CapturingLoggerProvider();
        await using var host = _database.Host(s => s.AddLogging(b => b.AddProvider(logs)));
        var meterFactory = host.GetRequiredService<IMeterFactory>();
        using var bypasses = new MetricCollector<long>(meterFactory, TenancyEntityFrameworkTelemetry.Name, TenancyEntityFrameworkTelemetry.BypassesCounter);
        using var bypassedQueries = new MetricCollector<long>(meterFactory, TenancyEntityFrameworkTelemetry.Name, TenancyEntityFrameworkTelemetry.BypassedQueriesCounter);
        using var refused = new MetricCollector<long>(meterFactory, TenancyEntityFrameworkTelemetry.Name, TenancyEntityFrameworkTelemetry.RefusedWritesCounter);

        using var tenant = AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme);
        await using var scope = host.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttackDb>();
        var counts = new List<int>();
        using (db.BypassTenantFilter("nightly report", caller))
        {
            foreach (var query in queries)
            {
                counts.Add(await query(db));
            }
        }

        var errors = new List<Exception>();
        foreach (var query in queries)
        {
            try
            {
                await query(db);
            }
            catch (Exception e)
            {
                errors.Add(e);
            }
        }

        return new BypassRun(counts, errors, logs.Entries.ToList(), bypasses.GetMeasurementSnapshot(), bypassedQueries.GetMeasurementSnapshot(), refused.GetMeasurementSnapshot());
    }

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

    private sealed record BypassRun(
        List<int> CountsInside,
        List<Exception> ErrorsOutside,
        List<(int EventId, string Message)> Logs,
        IReadOnlyList<CollectedMeasurement<long>> Bypasses,
        IReadOnlyList<CollectedMeasurement<long>> BypassedQueries,
        IReadOnlyList<CollectedMeasurement<long>> Refused);
}

public sealed class SqliteFilterBypassAttackTests : FilterBypassAttackTests
{
    protected override async Task<AttackDatabase> CreateDatabaseAsync() => await SqliteAttackDatabase.CreateAsync();
}

public sealed class PostgresFilterBypassAttackTests : FilterBypassAttackTests
{
    protected override async Task<AttackDatabase> CreateDatabaseAsync() => await PostgresAttackDatabase.CreateAsync();
}
