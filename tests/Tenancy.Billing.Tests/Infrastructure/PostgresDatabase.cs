using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.Billing.Tests.Infrastructure;

/// <summary>
/// A fresh database on the PostgreSQL server that eng/services/postgres.sh starts (TENANCY_TEST_POSTGRES): tables owned
/// by an owner role with row-level security applied, and an application role with DML rights only (no BYPASSRLS).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string Variable = "TENANCY_TEST_POSTGRES";
    private const string Password = "tenancy-test";

    private PostgresDatabase(string admin, string name)
    {
        Admin = admin;
        Name = name;
        AdminConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        OwnerConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Username = name + "_owner", Password = Password }.ConnectionString;
        AppConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Username = name + "_app", Password = Password }.ConnectionString;
    }

    public string Name { get; }

    public string AdminConnectionString { get; }

    public string OwnerConnectionString { get; }

    public string AppConnectionString { get; }

    private string Admin { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: these tests need the PostgreSQL server that eng/services/postgres.sh starts. Start it with ./eng/test.sh (or ./eng/dev-services.sh).");

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var database = new PostgresDatabase(ServerConnectionString, "tenancy_billing_" + Guid.NewGuid().ToString("N")[..12]);
        await database.AdminAsync($"""
            CREATE ROLE {database.Name}_owner LOGIN PASSWORD '{Password}';
            CREATE ROLE {database.Name}_app LOGIN PASSWORD '{Password}' NOSUPERUSER NOBYPASSRLS;
            CREATE DATABASE {database.Name} OWNER {database.Name}_owner
            """);
        await using (var db = new BillingDb(new DbContextOptionsBuilder<BillingDb>().UseNpgsql(database.OwnerConnectionString).UseTenancy().Options))
        {
            await db.Database.EnsureCreatedAsync();
            await TenantRowLevelSecurity.ApplyAsync(db);
#pragma warning disable EF1002 // The role name is generated here.
            await db.Database.ExecuteSqlRawAsync($"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {database.Name}_app");
#pragma warning restore EF1002
        }

        return database;
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
        foreach (var connectionString in new[] { AdminConnectionString, OwnerConnectionString, AppConnectionString })
        {
            await using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        await AdminAsync($"""
            DROP DATABASE IF EXISTS {Name} WITH (FORCE);
            DROP ROLE IF EXISTS {Name}_app;
            DROP ROLE IF EXISTS {Name}_owner
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
