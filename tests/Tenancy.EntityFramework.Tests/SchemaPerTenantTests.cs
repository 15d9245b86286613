using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Tenancy.EntityFramework.Provisioning;

namespace Tenancy.EntityFramework.Tests;

public sealed class SchemaPerTenantTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync(rowLevelSecurity: false);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    // One step per fact (issue 8): provisioning, the per-tenant model, and row isolation each fail under their own name.
    [Fact]
    public async Task Provisioning_creates_a_schema_per_tenant_and_a_second_run_finds_it_up_to_date()
    {
        var results = await ProvisionAsync();

        results.Should().OnlyContain(r => r.Succeeded && r.Action == "created", results.FirstOrDefault(r => !r.Succeeded)?.Error?.ToString());
        (await Provisioner().MigrateAllAsync([Tenants.Acme])).Single().Action.Should().Be("up-to-date");
    }

    [Fact]
    public async Task Each_tenant_gets_its_own_schema_and_model()
    {
        await ProvisionAsync();

        IModel acmeModel;
        using (Tenants.Begin(Tenants.Acme))
        await using (var db = new TestDb(Options()))
        {
            acmeModel = db.Model;
            db.TenantSchema.Should().Be("tenant_acme");
        }

        using (Tenants.Begin(Tenants.Globex))
        await using (var db = new TestDb(Options()))
        {
            db.Model.Should().NotBeSameAs(acmeModel);
            db.Model.GetDefaultSchema().Should().Be("tenant_globex");
        }
    }

    [Fact]
    public async Task A_row_saved_by_one_tenant_lands_in_its_schema_and_another_tenant_does_not_see_it()
    {
        await ProvisionAsync();
        using (Tenants.Begin(Tenants.Acme))
        await using (var db = new TestDb(Options()))
        {
            db.Notes.Add(new Note { Title = "acme's" });
            await db.SaveChangesAsync();
        }

        using (Tenants.Begin(Tenants.Globex))
        await using (var db = new TestDb(Options()))
        {
            (await db.Notes.CountAsync()).Should().Be(0);
        }

        (await _database.CountAsAdminAsync("""SELECT count(*) FROM tenant_acme."Notes" """)).Should().Be(1);
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM tenant_globex."Notes" """)).Should().Be(0);
    }

    [Fact]
    public async Task A_schema_per_tenant_context_cannot_be_created_without_a_tenant()
    {
        var options = Options();

        FluentActions.Invoking(() => new TestDb(options)).Should().Throw<TenantNotResolvedException>();
        await Task.CompletedTask;
    }

    private DbContextOptions<TestDb> Options() =>
        new DbContextOptionsBuilder<TestDb>().UseNpgsql(_database.OwnerConnectionString)
            .UseTenancy(t => t.UseSchemaPerTenant(tenant => "tenant_" + tenant.Id)).Options;

    private TenantDatabaseProvisioner<TestDb> Provisioner()
    {
        var options = Options();
        return new TenantDatabaseProvisioner<TestDb>(() => new TestDb(options));
    }

    private Task<IReadOnlyList<TenantProvisioningResult>> ProvisionAsync() => Provisioner().MigrateAllAsync([Tenants.Acme, Tenants.Globex], maxParallelism: 2);
}
