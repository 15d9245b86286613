using Microsoft.EntityFrameworkCore;
using Npgsql;
using Tenancy.EntityFramework.Stores;

namespace Tenancy.ScaleOut.Tests.Infrastructure;

/// <summary>A fresh PostgreSQL database with the EF tenant store's tables, shared by the instances of one test.</summary>
internal sealed class ScaleOutDatabase : IAsyncDisposable
{
    private ScaleOutDatabase(string name)
    {
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(Servers.Postgres) { Database = name }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<ScaleOutDatabase> CreateAsync(params TenantInfo[] tenants)
    {
        var database = new ScaleOutDatabase("tenancy_so_" + Guid.NewGuid().ToString("N")[..12]);
        await AdminAsync($"CREATE DATABASE {database.Name}");
        await using (var db = new TenantStoreDbContext(new DbContextOptionsBuilder<TenantStoreDbContext>().UseNpgsql(database.ConnectionString).Options))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var store = new EfTenantStore<TenantStoreDbContext>(new Factory(database.ConnectionString));
        foreach (var tenant in tenants)
        {
            await store.AddAsync(tenant);
        }

        return database;
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private static async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Servers.Postgres);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class Factory(string connectionString) : IDbContextFactory<TenantStoreDbContext>
    {
        public TenantStoreDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<TenantStoreDbContext>().UseNpgsql(connectionString).Options);
    }
}
