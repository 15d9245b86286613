using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework.Stores;
using Tenancy.Testing.Postgres;

namespace Tenancy.ScaleOut.Tests.Infrastructure;

/// <summary>
/// A fresh PostgreSQL database (<see cref="PostgresTestDatabase"/>) with the EF tenant store's tables, shared by the
/// instances of one test, which connect as the server's superuser.
/// </summary>
internal sealed class ScaleOutDatabase : IAsyncDisposable
{
    private readonly PostgresTestDatabase _database;

    private ScaleOutDatabase(PostgresTestDatabase database) => _database = database;

    public string Name => _database.Name;

    public string ConnectionString => _database.AdminConnectionString;

    public static async Task<ScaleOutDatabase> CreateAsync(params TenantInfo[] tenants)
    {
        var database = new ScaleOutDatabase(await PostgresTestDatabase.CreateAsync(
            "tenancy_so_",
            owner => new TenantStoreDbContext(new DbContextOptionsBuilder<TenantStoreDbContext>().UseNpgsql(owner).Options),
            rowLevelSecurity: false));
        var store = new EfTenantStore<TenantStoreDbContext>(new Factory(database.ConnectionString));
        foreach (var tenant in tenants)
        {
            await store.AddAsync(tenant);
        }

        return database;
    }

    public Task ExecuteAsync(string sql) => _database.ExecuteAsAdminAsync(sql);

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private sealed class Factory(string connectionString) : IDbContextFactory<TenantStoreDbContext>
    {
        public TenantStoreDbContext CreateDbContext() =>
            new(new DbContextOptionsBuilder<TenantStoreDbContext>().UseNpgsql(connectionString).Options);
    }
}
