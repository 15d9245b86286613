using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Tenancy;
using Tenancy.EntityFramework;
using Tenancy.Storage;
using Tenancy.Stores;
using Tenancy.Storage.Objects;

namespace Tenancy.ConsumerSmoke;

/// <summary>A note per tenant in SQLite and a file per tenant on the local disk: each tenant sees only its own.</summary>
internal static class DataAndFiles
{
    public static async Task RunAsync()
    {
        var root = Path.Combine(Path.GetTempPath(), "tenancy-consumer-" + Guid.NewGuid().ToString("N"));
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync();

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTenancy(t => t.WithInMemoryStore(
                new TenantInfo("t-acme", "acme", "Acme Ltd"),
                new TenantInfo("t-globex", "globex", "Globex")))
            .AddTenantDbContext<NotesDb>((_, db) => db.UseSqlite(connection))
            .AddTenancyStorage(s => s.UseLocalDisk(root));
        await using var provider = services.BuildServiceProvider();
        var tenants = provider.GetRequiredService<ICurrentTenant>();
        var store = provider.GetRequiredService<ITenantStore>();
        var acme = (await store.FindByIdAsync("t-acme"))!;
        var globex = (await store.FindByIdAsync("t-globex"))!;

        try
        {
            using (tenants.Begin(acme))
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
                await db.Database.EnsureCreatedAsync();
                db.Notes.Add(new Note { Title = "acme only" });
                await db.SaveChangesAsync();
                var files = scope.ServiceProvider.GetRequiredService<ITenantObjectStore>();
                await files.PutAsync("docs/readme.txt", new MemoryStream("acme file"u8.ToArray()));
            }

            using (tenants.Begin(globex))
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
                QuickStart.Expect(await db.Notes.CountAsync() == 0, "globex sees acme's notes");
                var files = scope.ServiceProvider.GetRequiredService<ITenantObjectStore>();
                QuickStart.Expect(!await files.ExistsAsync("docs/readme.txt"), "globex sees acme's file");
                QuickStart.Expect((await files.ListAsync()).Objects.Count == 0, "globex lists acme's files");
            }

            using (tenants.Begin(acme))
            await using (var scope = provider.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<NotesDb>();
                var titles = await db.Notes.Select(n => n.Title).ToListAsync();
                QuickStart.Expect(titles.SequenceEqual(["acme only"]), "acme's note");
                var files = scope.ServiceProvider.GetRequiredService<ITenantObjectStore>();
                await using var download = await files.GetAsync("docs/readme.txt");
                using var reader = new StreamReader(download.Content);
                QuickStart.Expect(await reader.ReadToEndAsync() == "acme file", "acme's file");
            }

            var threw = false;
            try
            {
                await using var scope = provider.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<NotesDb>().Notes.CountAsync();
            }
            catch (TenantNotResolvedException)
            {
                threw = true;
            }

            QuickStart.Expect(threw, "a query without a tenant must fail closed");
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }
}

/// <summary>A tenant-scoped entity.</summary>
internal sealed class Note : ITenantScoped
{
    public int Id { get; set; }

    public string TenantId { get; set; } = "";

    public string Title { get; set; } = "";
}

/// <summary>The consumer's context.</summary>
internal sealed class NotesDb(DbContextOptions<NotesDb> options) : TenantDbContext(options)
{
    public DbSet<Note> Notes => Set<Note>();
}
