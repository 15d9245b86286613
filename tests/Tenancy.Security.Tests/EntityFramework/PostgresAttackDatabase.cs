using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tenancy.EntityFramework;
using Tenancy.Testing.Postgres;

namespace Tenancy.Security.Tests.EntityFramework;

/// <summary>PostgreSQL (<see cref="PostgresTestDatabase"/>): tables owned by an owner role, policies applied, the application connected as a DML-only role.</summary>
public sealed class PostgresAttackDatabase : AttackDatabase
{
    private readonly PostgresTestDatabase _database;

    private PostgresAttackDatabase(PostgresTestDatabase database) => _database = database;

    public string OwnerConnectionString => _database.OwnerConnectionString;

    public string AppConnectionString => _database.AppConnectionString;

    public override bool RowLevelSecurity => true;

    public static async Task<PostgresAttackDatabase> CreateAsync(bool seed = true)
    {
        var database = new PostgresAttackDatabase(await PostgresTestDatabase.CreateAsync(
            "tenancy_sec_",
            owner => new AttackDb(new DbContextOptionsBuilder<AttackDb>().UseNpgsql(owner).UseTenancy().Options)));
        if (seed)
        {
            await database.SeedAsync();
        }

        return database;
    }

    public override DbContextOptions<AttackDb> Options(Action<TenancyDbContextOptionsBuilder>? tenancy = null) => Options(AppConnectionString, tenancy);

    protected override void UseDatabase(DbContextOptionsBuilder options) => options.UseNpgsql(AppConnectionString);

    protected override void UseIsolation(TenancyDbContextOptionsBuilder tenancy) => tenancy.UseRowLevelSecurity();

    public DbContextOptions<AttackDb> Options(string connectionString, Action<TenancyDbContextOptionsBuilder>? tenancy = null) =>
        new DbContextOptionsBuilder<AttackDb>().UseNpgsql(connectionString).UseTenancy(t =>
        {
            t.UseRowLevelSecurity();
            tenancy?.Invoke(t);
        }).Options;

    public override ValueTask DisposeAsync() => _database.DisposeAsync();

    protected override DbConnection OpenRaw() => new NpgsqlConnection(_database.AdminConnectionString);
}
