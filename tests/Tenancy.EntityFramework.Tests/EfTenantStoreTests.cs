using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.EntityFramework.Stores;
using Tenancy.Events;
using Tenancy.Stores;

namespace Tenancy.EntityFramework.Tests;

public abstract class EfTenantStoreTests : IAsyncLifetime
{
    private readonly List<TenantChange> _changes = [];
    private ServiceProvider _provider = null!;

    protected IWritableTenantStore Store => _provider.GetRequiredService<IWritableTenantStore>();

    public async Task InitializeAsync()
    {
        await StartAsync();
        var services = new ServiceCollection();
        services.AddTenancy(t => t.WithEntityFrameworkStore((_, o) => Configure(o)));
        _provider = services.BuildServiceProvider();
        await using (var db = await _provider.GetRequiredService<IDbContextFactory<TenantStoreDbContext>>().CreateDbContextAsync())
        {
            await db.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
        }

        _provider.GetRequiredService<ITenantChangeNotifier>().Subscribe(_changes.Add);
    }

    public async Task DisposeAsync()
    {
        await _provider.DisposeAsync();
        await StopAsync();
    }

    [Fact]
    public async Task Tenants_are_found_by_id_identifier_and_domain()
    {
        var acme = new TenantInfo("acme", "acme", "Acme") { Domains = ["acme.example", "www.acme.example"], Plan = "pro", Properties = new Dictionary<string, string> { ["k"] = "v" } };
        await Store.AddAsync(acme);

        (await Store.FindByIdAsync("acme")).Should().Be(acme);
        (await Store.FindByIdentifierAsync("ACME")).Should().Be(acme);
        (await Store.FindByDomainAsync("WWW.acme.example")).Should().Be(acme);
        (await Store.FindByIdAsync("nope")).Should().BeNull();
        (await Store.FindByDomainAsync("globex.example")).Should().BeNull();
        _changes.Should().ContainSingle().Which.Should().Be(new TenantChange(TenantChangeKind.Added, "acme", null, acme));
        Store.Should().BeOfType<EfTenantStore<TenantStoreDbContext>>();
    }

    [Fact]
    public async Task A_tenant_cannot_take_another_tenants_id_identifier_or_domain()
    {
        await Store.AddAsync(new TenantInfo("acme", "acme", "Acme") { Domains = ["acme.example"] });
        var globex = new TenantInfo("globex", "globex", "Globex");
        await Store.AddAsync(globex);

        await FluentActions.Awaiting(() => Store.AddAsync(new TenantInfo("acme", "other", "Other")).AsTask()).Should().ThrowAsync<DuplicateTenantException>();
        await FluentActions.Awaiting(() => Store.AddAsync(new TenantInfo("other", "acme", "Other")).AsTask()).Should().ThrowAsync<DuplicateTenantException>();
        await FluentActions.Awaiting(() => Store.UpdateAsync(globex with { Domains = ["acme.example"] }).AsTask()).Should().ThrowAsync<DuplicateTenantException>();
        await FluentActions.Awaiting(() => Store.UpdateAsync(globex with { Identifier = "acme" }).AsTask()).Should().ThrowAsync<DuplicateTenantException>();

        (await Store.FindByDomainAsync("acme.example"))!.Id.Should().Be("acme");
        (await Store.FindByIdAsync("globex")).Should().Be(globex);
        _changes.Should().HaveCount(2, "failed writes publish nothing");
    }

    [Fact]
    public async Task Updates_replace_domains_and_removals_free_them()
    {
        var acme = new TenantInfo("acme", "acme", "Acme") { Domains = ["a.example", "b.example"] };
        await Store.AddAsync(acme);
        var changed = acme with { Name = "Acme Inc", Status = TenantStatus.Suspended, Domains = ["b.example", "c.example"] };

        await Store.UpdateAsync(changed);

        (await Store.FindByIdAsync("acme")).Should().Be(changed);
        (await Store.FindByDomainAsync("a.example")).Should().BeNull();
        (await Store.RemoveAsync("acme")).Should().BeTrue();
        (await Store.RemoveAsync("acme")).Should().BeFalse();
        (await Store.FindByDomainAsync("b.example")).Should().BeNull();
        await FluentActions.Awaiting(() => Store.UpdateAsync(changed).AsTask()).Should().ThrowAsync<TenantNotFoundException>();
        _changes.Select(c => c.Kind).Should().Equal(TenantChangeKind.Added, TenantChangeKind.Updated, TenantChangeKind.Removed);
        _changes[1].Previous.Should().Be(acme);
    }

    [Fact]
    public async Task Pages_follow_the_id_order_with_the_last_id_as_continuation()
    {
        var ids = Enumerable.Range(0, 7).Select(i => $"t{i:D2}").ToArray();
        foreach (var id in ids.Reverse())
        {
            await Store.AddAsync(new TenantInfo(id, id, id));
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var page = await Store.ListAsync(new TenantPageRequest(3, token));
            page.Items.Count.Should().BeLessThanOrEqualTo(3);
            seen.AddRange(page.Items.Select(t => t.Id));
            token = page.ContinuationToken;
            if (token is not null)
            {
                token.Should().Be(page.Items[^1].Id);
            }
        }
        while (token is not null);

        seen.Should().Equal(ids);
    }

    protected abstract Task StartAsync();

    protected abstract Task StopAsync();

    protected abstract void Configure(DbContextOptionsBuilder options);
}

public sealed class SqliteEfTenantStoreTests : EfTenantStoreTests
{
    private readonly string _connectionString = $"Data Source=file:store-{Guid.NewGuid():N}?mode=memory&cache=shared";
    private SqliteConnection? _keeper;

    protected override Task StartAsync()
    {
        _keeper = new SqliteConnection(_connectionString);
        return _keeper.OpenAsync();
    }

    protected override Task StopAsync() => _keeper!.DisposeAsync().AsTask();

    protected override void Configure(DbContextOptionsBuilder options) => options.UseSqlite(_connectionString);
}

public sealed class PostgresEfTenantStoreTests : EfTenantStoreTests
{
    private PostgresDatabase? _database;

    protected override async Task StartAsync() => _database = await PostgresDatabase.CreateAsync(rowLevelSecurity: false);

    protected override Task StopAsync() => _database!.DisposeAsync().AsTask();

    protected override void Configure(DbContextOptionsBuilder options) => options.UseNpgsql(_database!.OwnerConnectionString);
}
