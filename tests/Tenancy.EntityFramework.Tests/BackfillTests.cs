using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.Data;

namespace Tenancy.EntityFramework.Tests;

public sealed class BackfillTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public BackfillTests()
    {
        // Legacy rows: the tenant column was just added with an empty default.
        using var db = _database.CreateContext();
        for (var i = 0; i < 25; i++)
        {
            db.Database.ExecuteSql($"INSERT INTO Notes (TenantId, Title, IsDeleted) VALUES ('', {"legacy " + i}, {i == 3})");
        }

        db.Database.ExecuteSql($"INSERT INTO Notes (TenantId, Title, IsDeleted) VALUES ('globex', 'already globex', 0)");
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_dry_run_reports_what_would_change_and_changes_nothing()
    {
        await using var db = _database.CreateContext();

        var result = await db.AssignTenantsAsync(new TenantBackfillOptions<Note> { DefaultTenantId = "acme", DryRun = true, BatchSize = 10 });

        result.Should().BeEquivalentTo(new { DryRun = true, Examined = 25, Assigned = 25, Unassigned = 0 });
        result.PerTenant.Should().Equal(new Dictionary<string, int> { ["acme"] = 25 });
        (await CountAsync("")).Should().Be(25);
    }

    [Fact]
    public async Task Rows_are_assigned_by_rule_with_a_default_in_batches_and_other_tenants_rows_are_untouched()
    {
        await using var db = _database.CreateContext();
        var batches = new List<TenantBackfillResult>();

        var result = await db.AssignTenantsAsync(
            new TenantBackfillOptions<Note> { Rule = n => n.Title.EndsWith('1') ? "globex" : null, DefaultTenantId = "acme", BatchSize = 10 },
            new SynchronousProgress<TenantBackfillResult>(batches.Add));

        batches.Should().HaveCount(3);
        result.Assigned.Should().Be(25);
        result.PerTenant.Should().Equal(new Dictionary<string, int> { ["acme"] = 22, ["globex"] = 3 });
        (await CountAsync("")).Should().Be(0);
        (await CountAsync("acme")).Should().Be(22, "soft-deleted legacy rows are assigned too");
        (await CountAsync("globex")).Should().Be(4);
    }

    [Fact]
    public async Task An_interrupted_run_resumes_from_its_checkpoint()
    {
        await using var db = _database.CreateContext();
        using var cancel = new CancellationTokenSource();
        TenantBackfillResult? last = null;
        var act = () => db.AssignTenantsAsync(
            new TenantBackfillOptions<Note> { DefaultTenantId = "acme", BatchSize = 10 },
            new SynchronousProgress<TenantBackfillResult>(r => { last = r; cancel.Cancel(); }),
            cancel.Token);
        await act.Should().ThrowAsync<OperationCanceledException>();
        (await CountAsync("")).Should().Be(15, "the first batch was saved before the interruption");

        var rest = await db.AssignTenantsAsync(new TenantBackfillOptions<Note> { DefaultTenantId = "acme", BatchSize = 10, ResumeAfter = last!.Checkpoint });

        rest.Assigned.Should().Be(15);
        (await CountAsync("")).Should().Be(0);
        (await CountAsync("globex")).Should().Be(1);
    }

    [Fact]
    public async Task Rows_that_neither_rule_nor_default_place_stay_unassigned_and_reachable_by_no_tenant()
    {
        await using var db = _database.CreateContext();
        var result = await db.AssignTenantsAsync(new TenantBackfillOptions<Note> { Rule = n => n.Title == "legacy 7" ? "acme" : null });

        result.Unassigned.Should().Be(24);
        using var scope = Tenants.Begin(Tenants.Acme);
        (await db.Notes.IgnoreQueryFilters([TestDb.SoftDeleteFilter]).Select(n => n.Title).ToListAsync()).Should().Equal("legacy 7");
    }

    private async Task<int> CountAsync(string tenantId)
    {
        await using var db = _database.CreateContext();
        using (db.BypassTenantFilter("test count"))
        {
            return await db.Notes.IgnoreQueryFilters().CountAsync(n => n.TenantId == tenantId);
        }
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
