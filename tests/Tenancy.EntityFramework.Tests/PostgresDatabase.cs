using Microsoft.EntityFrameworkCore;
using Tenancy.Testing.Postgres;

namespace Tenancy.EntityFramework.Tests;

/// <summary>
/// <see cref="TestDb"/> on a throw-away PostgreSQL database (<see cref="PostgresTestDatabase"/>): tables owned by a
/// non-superuser owner role, row-level security applied, and a separate application role with only DML rights.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private readonly PostgresTestDatabase _database;

    private PostgresDatabase(PostgresTestDatabase database) => _database = database;

    public string Name => _database.Name;

    public string AdminConnectionString => _database.AdminConnectionString;

    public string OwnerConnectionString => _database.OwnerConnectionString;

    public string AppConnectionString => _database.AppConnectionString;

    public static Task<PostgresDatabase> CreateAsync(bool rowLevelSecurity = true) =>
        CreateAsync(owner => new TestDb(Options(owner)), rowLevelSecurity);

    /// <summary>A fresh database whose tables are those of the context that <paramref name="ownerContext"/> opens on the owner's connection string.</summary>
    public static async Task<PostgresDatabase> CreateAsync(Func<string, DbContext> ownerContext, bool rowLevelSecurity = true) =>
        new(await PostgresTestDatabase.CreateAsync("tenancy_ef_", ownerContext, rowLevelSecurity));

    public static DbContextOptions<TestDb> Options(string connectionString, Action<TenancyDbContextOptionsBuilder>? tenancy = null) =>
        new DbContextOptionsBuilder<TestDb>().UseNpgsql(connectionString).UseTenancy(tenancy).Options;

    public TestDb App(Action<TenancyDbContextOptionsBuilder>? tenancy = null) => new(Options(AppConnectionString, tenancy ?? (t => t.UseRowLevelSecurity())));

    public TestDb App(string connectionString) => new(Options(connectionString, t => t.UseRowLevelSecurity()));

    public async Task SeedAsync(TenantInfo tenant, params string[] titles)
    {
        using var scope = Tenants.Begin(tenant);
        await using var db = App();
        foreach (var title in titles)
        {
            db.Notes.Add(new Note { Title = title, Comments = [new Comment { Text = $"on {title}" }] });
        }

        await db.SaveChangesAsync();
    }

    public Task<long> CountAsAdminAsync(string sql) => _database.CountAsAdminAsync(sql);

    public ValueTask DisposeAsync() => _database.DisposeAsync();
}
