using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;

namespace Tenancy.Security.Tests.EntityFramework;

/// <summary>SQLite in memory (shared cache, kept open for the test): the shared-schema filter only, no row-level security.</summary>
public sealed class SqliteAttackDatabase : AttackDatabase
{
    private readonly SqliteConnection _keeper;
    private readonly string _connectionString = $"Data Source=file:attack-{Guid.NewGuid():N}?mode=memory&cache=shared";

    private SqliteAttackDatabase()
    {
        _keeper = new SqliteConnection(_connectionString);
        _keeper.Open();
    }

    public override bool RowLevelSecurity => false;

    public static async Task<SqliteAttackDatabase> CreateAsync()
    {
        var database = new SqliteAttackDatabase();
        await using (var db = database.Create())
        {
            await db.Database.EnsureCreatedAsync();
        }

        await database.SeedAsync();
        return database;
    }

    public override DbContextOptions<AttackDb> Options(Action<TenancyDbContextOptionsBuilder>? tenancy = null) =>
        new DbContextOptionsBuilder<AttackDb>().UseSqlite(_connectionString).UseTenancy(tenancy).Options;

    protected override void UseDatabase(DbContextOptionsBuilder options) => options.UseSqlite(_connectionString);

    public override ValueTask DisposeAsync() => _keeper.DisposeAsync();

    protected override DbConnection OpenRaw() => new SqliteConnection(_connectionString);
}
