using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.Data;

namespace Tenancy.EntityFramework.Tests;

public sealed class TenantDataTests : IDisposable
{
    private readonly SqliteDatabase _database = new();

    public TenantDataTests()
    {
        _database.Seed(Tenants.Acme, "a1", "a2");
        _database.Seed(Tenants.Globex, "g1");
        using var scope = Tenants.Begin(Tenants.Acme);
        using var db = _database.CreateContext();
        db.Tags.Add(new Tag { Name = "red" });
        db.Notes.Single(n => n.Title == "a2").IsDeleted = true;
        db.SaveChanges();
    }

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Export_streams_every_row_of_one_tenant_and_nothing_of_another()
    {
        await using var db = _database.CreateContext();
        using var stream = new MemoryStream();

        var counts = await db.ExportTenantDataAsync(Tenants.Acme, stream);

        counts.Should().BeEquivalentTo(new Dictionary<string, int> { ["Note"] = 2, ["Comment"] = 2, ["Tag"] = 1 });
        using var json = JsonDocument.Parse(stream.ToArray());
        json.RootElement.GetProperty("tenantId").GetString().Should().Be("acme");
        var entities = json.RootElement.GetProperty("entities");
        entities.GetProperty("Note").EnumerateArray().Select(n => n.GetProperty("Title").GetString()).Should().BeEquivalentTo("a1", "a2");
        entities.EnumerateObject().SelectMany(e => e.Value.EnumerateArray()).Select(r => r.GetProperty("TenantId").GetString()).Should().OnlyContain(t => t == "acme");
        entities.GetProperty("Tag")[0].GetProperty("Name").GetString().Should().Be("red");
        System.Text.Encoding.UTF8.GetString(stream.ToArray()).Should().NotContain("globex").And.NotContain("\"g1\"");
    }

    [Fact]
    public async Task Deletion_removes_every_row_of_one_tenant_in_dependency_order_and_leaves_others()
    {
        await using (var db = _database.CreateContext())
        {
            var counts = await db.DeleteTenantDataAsync(Tenants.Acme);
            counts.Should().BeEquivalentTo(new Dictionary<string, int> { ["Note"] = 2, ["Comment"] = 2, ["Tag"] = 0 + 1 });
        }

        using (Tenants.Begin(Tenants.Acme))
        await using (var db = _database.CreateContext())
        {
            (await db.Notes.IgnoreQueryFilters([TestDb.SoftDeleteFilter]).CountAsync(n => n.TenantId == "acme")).Should().Be(0);
            (await db.Comments.CountAsync()).Should().Be(0);
        }

        using (Tenants.Begin(Tenants.Globex))
        await using (var db = _database.CreateContext())
        {
            (await db.Notes.Select(n => n.Title).ToListAsync()).Should().Equal("g1");
            (await db.Comments.CountAsync()).Should().Be(1);
        }
    }

    [Fact]
    public async Task A_failed_deletion_rolls_back_and_deletes_nothing()
    {
        await using var db = _database.CreateContext();
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE Audit (NoteId INTEGER NOT NULL REFERENCES Notes(Id))");
        await db.Database.ExecuteSqlRawAsync("INSERT INTO Audit SELECT Id FROM Notes WHERE Title = 'a1'");

        await FluentActions.Awaiting(() => db.DeleteTenantDataAsync(Tenants.Acme)).Should().ThrowAsync<Exception>();

        using var scope = Tenants.Begin(Tenants.Acme);
        (await db.Comments.CountAsync()).Should().Be(2, "the comments deleted first came back with the rollback");
    }
}
