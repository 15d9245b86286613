using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.EntityFramework.Tests;

/// <summary>
/// A fresh PostgreSQL database on the server that eng/services/postgres.sh starts: tables owned by a non-superuser
/// owner role, row-level security applied, and a separate application role with only DML rights.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string Variable = "TENANCY_TEST_POSTGRES";

    private PostgresDatabase(string admin, string name)
    {
        Admin = admin;
        Name = name;
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        AdminConnectionString = builder.ConnectionString;
        OwnerConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Username = name + "_owner", Password = Password }.ConnectionString;
        AppConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Username = name + "_app", Password = Password }.ConnectionString;
    }

    public string Name { get; }

    public string AdminConnectionString { get; }

    public string OwnerConnectionString { get; }

    public string AppConnectionString { get; }

    private string Admin { get; }

    private static string Password => "tenancy-test";

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: these tests need the PostgreSQL server that eng/services/postgres.sh starts. Start it with ./eng/test.sh.");

    public static Task<PostgresDatabase> CreateAsync(bool rowLevelSecurity = true) =>
        CreateAsync(database => new TestDb(database.Options(database.OwnerConnectionString)), rowLevelSecurity);

    /// <summary>A fresh database whose tables are those of the context that <paramref name="ownerContext"/> opens as the owner.</summary>
    public static async Task<PostgresDatabase> CreateAsync(Func<PostgresDatabase, DbContext> ownerContext, bool rowLevelSecurity = true)
    {
        var database = new PostgresDatabase(ServerConnectionString, "tenancy_ef_" + Guid.NewGuid().ToString("N")[..12]);
        await database.AdminAsync($"""
            CREATE ROLE {database.Name}_owner LOGIN PASSWORD '{Password}';
            CREATE ROLE {database.Name}_app LOGIN PASSWORD '{Password}' NOSUPERUSER NOBYPASSRLS;
            CREATE DATABASE {database.Name} OWNER {database.Name}_owner;
            """);
        await using (var db = ownerContext(database))
        {
            await db.Database.EnsureCreatedAsync();
            if (rowLevelSecurity)
            {
                await TenantRowLevelSecurity.ApplyAsync(db);
            }

#pragma warning disable EF1002 // The role name is generated here.
            await db.Database.ExecuteSqlRawAsync($"""
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {database.Name}_app;
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {database.Name}_app;
                """);
#pragma warning restore EF1002
        }

        return database;
    }

    public DbContextOptions<TestDb> Options(string connectionString, Action<TenancyDbContextOptionsBuilder>? tenancy = null) =>
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

    public async Task<long> CountAsAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        // Only this database's pools: clearing every pool would break other tests' connections mid-test.
        foreach (var connectionString in new[] { AdminConnectionString, OwnerConnectionString, AppConnectionString })
        {
            await using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        await AdminAsync($"""
            DROP DATABASE IF EXISTS {Name} WITH (FORCE);
            DROP ROLE IF EXISTS {Name}_app;
            DROP ROLE IF EXISTS {Name}_owner;
            """);
    }

    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Admin);
        await connection.OpenAsync();
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
