using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;

namespace Tenancy.Security.Tests.EntityFramework;

/// <summary>
/// Issue 7 item 1: as tenant A, an <c>ExecuteUpdate</c> that writes a tenant-id column — through whatever expression
/// shape — must be refused before anything is written. The guard decides on the translated SET columns.
/// </summary>
public abstract class BulkUpdateTenantColumnAttackTests : IAsyncLifetime
{
    private AttackDatabase _database = null!;

    public async Task InitializeAsync() => _database = await CreateDatabaseAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    public static TheoryData<string> Shapes() =>
    [
        "direct", "anonymous projection", "DTO projection", "conditional value", "value from a column",
        "captured selector", "shadow property by name", "block lambda", "TPH derived set", "TPH cast", "shadow tenant id of a dependent",
        "owned entity through its owner", "second setter after a legitimate one",
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task ExecuteUpdate_that_moves_rows_to_another_tenant_is_refused_whatever_the_shape(string shape)
    {
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        await using (var db = _database.Create())
        {
            var attack = () => Attack(db, shape);
            await attack.Should().ThrowAsync<TenantMismatchException>();
        }

        await NothingMovedAsync();
    }

    [Fact]
    public async Task ExecuteUpdate_through_a_tuple_projection_cannot_move_rows()
    {
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        await using (var db = _database.Create())
        {
            var attack = () => Attack(db, "tuple projection");
            await attack.Should().ThrowAsync<Exception>("EF cannot translate it; were it translated, the guard would see the SET column");
        }

        await NothingMovedAsync();
    }

    [Fact]
    public async Task ExecuteUpdate_of_a_TPT_derived_set_cannot_move_rows()
    {
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        await using (var db = _database.Create())
        {
            var attack = () => db.Vehicles.ExecuteUpdateAsync(s => s.SetProperty(v => v.TenantId, "t-b"));
            await attack.Should().ThrowAsync<Exception>("EF refuses multi-table updates and the guard refuses tenant columns");
        }

        await NothingMovedAsync();
    }

    [Fact]
    public async Task ExecuteUpdate_through_a_navigation_cannot_move_the_principal()
    {
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        await using (var db = _database.Create())
        {
            var attack = () => db.Comments.ExecuteUpdateAsync(s => s.SetProperty(c => c.Note!.TenantId, "t-b"));
            await attack.Should().ThrowAsync<Exception>();
        }

        await NothingMovedAsync();
    }

    [Fact]
    public async Task Legitimate_bulk_updates_still_run_and_stay_inside_the_tenant()
    {
        using (AmbientCurrentTenant.Instance.Begin(AttackDatabase.Acme))
        await using (var db = _database.Create())
        {
            (await db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, n => n.Title + "!").SetProperty(n => n.Meta.Label, "x").SetProperty(n => n.Stamp.By, "y")))
                .Should().Be(1, "only acme's one visible note");
            (await db.Documents.OfType<Invoice>().ExecuteUpdateAsync(s => s.SetProperty(i => i.Amount, 5))).Should().Be(1);
            (await db.Notes.IgnoreQueryFilters([AttackDb.SoftDelete]).ExecuteDeleteAsync()).Should().Be(2, "acme's two notes, the soft-deleted one included");
        }

        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 't-b'""")).Should().Be(2, "globex's notes are untouched");
    }

    [Fact]
    public async Task Bulk_update_and_delete_without_a_tenant_fail_closed()
    {
        await using var db = _database.Create();
        await FluentActions.Awaiting(() => db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, "x"))).Should().ThrowAsync<TenantNotResolvedException>();
        await FluentActions.Awaiting(() => db.Comments.ExecuteDeleteAsync()).Should().ThrowAsync<TenantNotResolvedException>();
        (await _database.CountAsync("""SELECT count(*) FROM "Comments" """)).Should().Be(2);
    }

    protected abstract Task<AttackDatabase> CreateDatabaseAsync();

    private static Task<int> Attack(AttackDb db, string shape)
    {
        const string other = "t-b";
        var flag = DateTime.UtcNow.Year > 2000;
        Expression<Func<Note, string>> selector = n => n.TenantId;
        var name = "TenantId";
        return shape switch
        {
            "direct" => db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.TenantId, other)),
            "anonymous projection" => db.Notes.Select(n => new { N = n, One = 1 }).ExecuteUpdateAsync(s => s.SetProperty(x => x.N.TenantId, other)),
            "DTO projection" => db.Notes.Select(n => new NoteBox { N = n, One = 1 }).ExecuteUpdateAsync(s => s.SetProperty(x => x.N.TenantId, other)),
            "tuple projection" => db.Notes.Select(n => new Tuple<Note, int>(n, 1)).ExecuteUpdateAsync(s => s.SetProperty(x => x.Item1.TenantId, other)),
            "conditional value" => db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.TenantId, n => n.Id > 0 ? other : n.TenantId)),
            "value from a column" => db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.TenantId, n => n.Title)),
            "captured selector" => db.Notes.ExecuteUpdateAsync(s => s.SetProperty(selector, other)),
            "shadow property by name" => db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => EF.Property<string>(n, name), other)),
            "block lambda" => db.Notes.ExecuteUpdateAsync(s =>
            {
                s.SetProperty(n => n.Title, "t");
                if (flag)
                {
                    s.SetProperty(n => n.TenantId, other);
                }
            }),
            "TPH derived set" => db.Invoices.ExecuteUpdateAsync(s => s.SetProperty(i => i.TenantId, other)),
            "TPH cast" => db.Documents.OfType<Memo>().ExecuteUpdateAsync(s => s.SetProperty(m => ((Document)m).TenantId, other)),
            "shadow tenant id of a dependent" => db.Comments.ExecuteUpdateAsync(s => s.SetProperty(c => EF.Property<string>(c, "TenantId"), other)),
            "owned entity through its owner" => db.Notes.Select(n => new { n.Meta, Note = n }).ExecuteUpdateAsync(s => s.SetProperty(x => x.Note.TenantId, other)),
            "second setter after a legitimate one" => db.Notes.ExecuteUpdateAsync(s => s.SetProperty(n => n.Title, "t").SetProperty(n => n.TenantId, other)),
            _ => throw new ArgumentOutOfRangeException(nameof(shape)),
        };
    }

    private async Task NothingMovedAsync()
    {
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 't-a'""")).Should().Be(2);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "TenantId" = 't-b'""")).Should().Be(2);
        (await _database.CountAsync("""SELECT count(*) FROM "Notes" WHERE "Title" = 't'""")).Should().Be(0, "a refused update writes nothing, not even its other columns");
        (await _database.CountAsync("""SELECT count(*) FROM "Comments" WHERE "TenantId" = 't-a'""")).Should().Be(1);
        (await _database.CountAsync("""SELECT count(*) FROM "Documents" WHERE "TenantId" = 't-a'""")).Should().Be(2);
        (await _database.CountAsync("""SELECT count(*) FROM "Assets" WHERE "TenantId" = 't-a'""")).Should().Be(1);
    }
}

public sealed class SqliteBulkUpdateTenantColumnAttackTests : BulkUpdateTenantColumnAttackTests
{
    protected override async Task<AttackDatabase> CreateDatabaseAsync() => await SqliteAttackDatabase.CreateAsync();
}

public sealed class PostgresBulkUpdateTenantColumnAttackTests : BulkUpdateTenantColumnAttackTests
{
    protected override async Task<AttackDatabase> CreateDatabaseAsync() => await PostgresAttackDatabase.CreateAsync();
}
