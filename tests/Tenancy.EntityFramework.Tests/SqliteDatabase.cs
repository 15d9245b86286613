using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Tenancy.EntityFramework.Tests;

/// <summary>A private in-memory SQLite database kept alive by one open connection.</summary>
public sealed class SqliteDatabase : IDisposable
{
    public SqliteDatabase()
    {
        ConnectionString = $"Data Source=file:tenancy-{Guid.NewGuid():N}?mode=memory&cache=shared";
        Keeper = new SqliteConnection(ConnectionString);
        Keeper.Open();
        using var db = CreateContext();
        db.Database.EnsureCreated();
    }

    public string ConnectionString { get; }

    private SqliteConnection Keeper { get; }

    public DbContextOptions<TestDb> Options(Action<TenancyDbContextOptionsBuilder>? tenancy = null) =>
        new DbContextOptionsBuilder<TestDb>().UseSqlite(ConnectionString).UseTenancy(tenancy).Options;

    public TestDb CreateContext(Action<TenancyDbContextOptionsBuilder>? tenancy = null) => new(Options(tenancy));

    public void Seed(TenantInfo tenant, params string[] titles)
    {
        using var scope = Tenants.Begin(tenant);
        using var db = CreateContext();
        foreach (var title in titles)
        {
            db.Notes.Add(new Note { Title = title, Comments = [new Comment { Text = $"on {title}" }] });
        }

        db.SaveChanges();
    }

    public void Dispose() => Keeper.Dispose();
}
