using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Tenancy.EntityFramework;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.Security.Tests.EntityFramework;

/// <summary>A fresh database with acme's and globex's rows, on SQLite or on PostgreSQL with row-level security.</summary>
public abstract class AttackDatabase : IAsyncDisposable
{
    public static readonly TenantInfo Acme = new("t-a", "acme", "Acme");

    public static readonly TenantInfo Globex = new("t-b", "globex", "Globex");

    public abstract bool RowLevelSecurity { get; }

    public abstract DbContextOptions<AttackDb> Options(Action<TenancyDbContextOptionsBuilder>? tenancy = null);

    public AttackDb Create() => new(Options());

    /// <summary>
    /// A host that registers <see cref="AttackDb"/> as an application does (<c>AddTenancy().AddTenantDbContext</c>), with
    /// its own <c>IMeterFactory</c>: what is metered there is this host's traffic only.
    /// </summary>
    public ServiceProvider Host(Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        configure?.Invoke(services);
        services.AddTenancy().AddTenantDbContext<AttackDb>((_, o) => UseDatabase(o), UseIsolation);
        return services.BuildServiceProvider();
    }

    /// <summary>Chooses the provider and the application's connection.</summary>
    protected abstract void UseDatabase(DbContextOptionsBuilder options);

    /// <summary>Chooses the isolation features on top of the shared-schema filter.</summary>
    protected virtual void UseIsolation(TenancyDbContextOptionsBuilder tenancy)
    {
    }

    /// <summary>Counts with no filter and no policy (SQLite: a plain connection; PostgreSQL: the superuser).</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = OpenRaw();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // Test SQL.
        command.CommandText = sql;
#pragma warning restore CA2100
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public abstract ValueTask DisposeAsync();

    protected abstract DbConnection OpenRaw();

    protected async Task SeedAsync()
    {
        foreach (var (tenant, prefix) in new[] { (Acme, "a"), (Globex, "b") })
        {
            using var scope = AmbientCurrentTenant.Instance.Begin(tenant);
            await using var db = Create();
            db.Notes.Add(new Note { Title = prefix + "1", Meta = new() { Label = "l" }, Stamp = new() { By = "s" }, Comments = [new Comment { Text = "c" }] });
            db.Notes.Add(new Note { Title = prefix + "2", IsDeleted = true });
            db.Documents.Add(new Invoice { Name = prefix + "-inv", Amount = 1 });
            db.Documents.Add(new Memo { Name = prefix + "-memo", Body = "m" });
            db.Assets.Add(new Vehicle { Name = prefix + "-car", Plate = "P" });
            await db.SaveChangesAsync();
        }

        using var none = AmbientCurrentTenant.Instance.Begin(Acme);
        await using var countries = Create();
        countries.Countries.Add(new Country { Code = "CH" });
        await countries.SaveChangesAsync();
    }
}

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

/// <summary>PostgreSQL: tables owned by an owner role, policies applied, the application connected as a DML-only role.</summary>
public sealed class PostgresAttackDatabase : AttackDatabase
{
    public const string Variable = "TENANCY_TEST_POSTGRES";
    private const string Password = "tenancy-test";

    private PostgresAttackDatabase(string server, string name)
    {
        Server = server;
        Name = name;
        AdminConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString;
        OwnerConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Username = name + "_owner", Password = Password }.ConnectionString;
        AppConnectionString = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Username = name + "_app", Password = Password }.ConnectionString;
    }

    public string Name { get; }

    public string AdminConnectionString { get; }

    public string OwnerConnectionString { get; }

    public string AppConnectionString { get; }

    public override bool RowLevelSecurity => true;

    private string Server { get; }

    public static string ServerConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: these tests need the PostgreSQL server that eng/services/postgres.sh starts. Start it with ./eng/test.sh.");

    public static async Task<PostgresAttackDatabase> CreateAsync(bool seed = true)
    {
        var database = new PostgresAttackDatabase(ServerConnectionString, "tenancy_sec_" + Guid.NewGuid().ToString("N")[..12]);
        await database.AdminAsync(
            $"CREATE ROLE {database.Name}_owner LOGIN PASSWORD '{Password}'",
            $"CREATE ROLE {database.Name}_app LOGIN PASSWORD '{Password}' NOSUPERUSER NOBYPASSRLS",
            $"CREATE DATABASE {database.Name} OWNER {database.Name}_owner");
        await using (var db = new AttackDb(new DbContextOptionsBuilder<AttackDb>().UseNpgsql(database.OwnerConnectionString).UseTenancy().Options))
        {
            await db.Database.EnsureCreatedAsync();
            await TenantRowLevelSecurity.ApplyAsync(db);
#pragma warning disable EF1002 // The role name is generated here.
            await db.Database.ExecuteSqlRawAsync($"""
                GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {database.Name}_app;
                GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {database.Name}_app;
                """);
#pragma warning restore EF1002
        }

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

    public override async ValueTask DisposeAsync()
    {
        foreach (var connectionString in new[] { AdminConnectionString, OwnerConnectionString, AppConnectionString })
        {
            await using var connection = new NpgsqlConnection(connectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        await AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)", $"DROP ROLE IF EXISTS {Name}_app", $"DROP ROLE IF EXISTS {Name}_owner");
    }

    protected override DbConnection OpenRaw() => new NpgsqlConnection(AdminConnectionString);

    private async Task AdminAsync(params string[] statements)
    {
        await using var connection = new NpgsqlConnection(Server);
        await connection.OpenAsync();
        foreach (var statement in statements)
        {
            await using var command = new NpgsqlCommand(statement, connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
