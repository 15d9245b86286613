using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.EntityFramework;

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
