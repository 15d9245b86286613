using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.Testing.Postgres;

/// <summary>
/// A throw-away database on the test PostgreSQL server (<see cref="TestServers.Postgres"/>): owned by an owner role
/// that creates the tables (and applies row-level security), with an application role that has DML rights only
/// (NOSUPERUSER, NOBYPASSRLS), so the database itself enforces tenant isolation. Disposing drops the database and
/// both roles.
/// </summary>
public sealed class PostgresTestDatabase : IAsyncDisposable
{
    private const string Password = "tenancy-test";

    private readonly string _server;

    private PostgresTestDatabase(string server, string name)
    {
        _server = server;
        Name = name;
        AdminConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        OwnerConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Username = OwnerRole, Password = Password }.ConnectionString;
        AppConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Username = AppRole, Password = Password }.ConnectionString;
    }

    /// <summary>The database's name (also the prefix of its two roles).</summary>
    public string Name { get; }

    /// <summary>The role that owns the database and its tables.</summary>
    public string OwnerRole => Name + "_owner";

    /// <summary>The application's role: DML only, subject to row-level security.</summary>
    public string AppRole => Name + "_app";

    /// <summary>The server's superuser on this database: bypasses row-level security and grants.</summary>
    public string AdminConnectionString { get; }

    /// <summary>The owner role on this database.</summary>
    public string OwnerConnectionString { get; }

    /// <summary>The application role on this database.</summary>
    public string AppConnectionString { get; }

    /// <summary>
    /// Creates a database named <paramref name="prefix"/> plus a random suffix, the tables of the context that
    /// <paramref name="ownerContext"/> opens on the owner's connection string, row-level security on them (unless
    /// <paramref name="rowLevelSecurity"/> is false), DML rights on every table and sequence for the application role, and
    /// then runs the statements (separated by ';') that <paramref name="ownerSql"/> writes for the new database as the owner,
    /// e.g. to take rights away from the application role again.
    /// </summary>
    public static async Task<PostgresTestDatabase> CreateAsync(
        string prefix,
        Func<string, DbContext> ownerContext,
        bool rowLevelSecurity = true,
        Func<PostgresTestDatabase, string>? ownerSql = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentNullException.ThrowIfNull(ownerContext);
        var database = new PostgresTestDatabase(TestServers.Postgres, prefix + Guid.NewGuid().ToString("N")[..12]);
        await ExecuteAsync(
            database._server,
            $"""
            CREATE ROLE {database.OwnerRole} LOGIN PASSWORD '{Password}';
            CREATE ROLE {database.AppRole} LOGIN PASSWORD '{Password}' NOSUPERUSER NOBYPASSRLS;
            CREATE DATABASE {database.Name} OWNER {database.OwnerRole}
            """,
            cancellationToken);
        await using (var db = ownerContext(database.OwnerConnectionString))
        {
            await db.Database.EnsureCreatedAsync(cancellationToken);
            if (rowLevelSecurity)
            {
                await TenantRowLevelSecurity.ApplyAsync(db, cancellationToken);
            }
        }

        await ExecuteAsync(
            database.OwnerConnectionString,
            $"""
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {database.AppRole};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {database.AppRole};
            {ownerSql?.Invoke(database)}
            """,
            cancellationToken);
        return database;
    }

    /// <summary>Runs a scalar query as the superuser (no row-level security) and returns it as a number.</summary>
    public Task<long> CountAsAdminAsync(string sql, CancellationToken cancellationToken = default) =>
        ScalarAsync(AdminConnectionString, sql, cancellationToken);

    /// <summary>Runs statements (separated by ';') as the superuser.</summary>
    public Task ExecuteAsAdminAsync(string sql, CancellationToken cancellationToken = default) =>
        ExecuteAsync(AdminConnectionString, sql, cancellationToken);

    /// <summary>Runs a scalar query as the application role with <c>tenancy.tenant_id</c> set: what row-level security lets through.</summary>
    public async Task<long> CountAsAppAsync(string tenantId, string sql, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(AppConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var set = new NpgsqlCommand("SELECT set_config('tenancy.tenant_id', @tenant, false)", connection))
        {
            set.Parameters.AddWithValue("tenant", tenantId);
            await set.ExecuteNonQueryAsync(cancellationToken);
        }

        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Clears this database's connection pools (only these: other tests' connections stay) and drops it and its roles.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var connectionString in new[] { AdminConnectionString, OwnerConnectionString, AppConnectionString })
        {
            await using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync(
            _server,
            $"""
            DROP DATABASE IF EXISTS {Name} WITH (FORCE);
            DROP ROLE IF EXISTS {AppRole};
            DROP ROLE IF EXISTS {OwnerRole}
            """,
            CancellationToken.None);
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var statement in sql.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
#pragma warning disable CA2100 // Test SQL with generated names.
            await using var command = new NpgsqlCommand(statement, connection);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
