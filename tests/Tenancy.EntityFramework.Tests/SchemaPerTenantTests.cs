using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Tenancy.EntityFramework.Provisioning;

namespace Tenancy.EntityFramework.Tests;

public sealed class SchemaPerTenantTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync(rowLevelSecurity: false);

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task Each_tenant_gets_its_own_schema_and_model_and_sees_only_its_rows()
    {
        var options = new DbContextOptionsBuilder<TestDb>().UseNpgsql(_database.OwnerConnectionString)
            .UseTenancy(t => t.UseSchemaPerTenant(tenant => "tenant_" + tenant.Id)).Options;
        var provisioner = new TenantDatabaseProvisioner<TestDb>(() => new TestDb(options));

        var results = await provisioner.MigrateAllAsync([Tenants.Acme, Tenants.Globex], maxParallelism: 2);
        results.Should().OnlyContain(r => r.Succeeded && r.Action == "created", results.FirstOrDefault(r => !r.Succeeded)?.Error?.ToString());
        (await provisioner.MigrateAllAsync([Tenants.Acme])).Single().Action.Should().Be("up-to-date");

        IModel acmeModel;
        using (Tenants.Begin(Tenants.Acme))
        await using (var db = new TestDb(options))
        {
            db.Notes.Add(new Note { Title = "acme's" });
            await db.SaveChangesAsync();
            acmeModel = db.Model;
            db.TenantSchema.Should().Be("tenant_acme");
        }

        using (Tenants.Begin(Tenants.Globex))
        await using (var db = new TestDb(options))
        {
            db.Model.Should().NotBeSameAs(acmeModel);
            db.Model.GetDefaultSchema().Should().Be("tenant_globex");
            (await db.Notes.CountAsync()).Should().Be(0);
        }

        (await _database.CountAsAdminAsync("""SELECT count(*) FROM tenant_acme."Notes" """)).Should().Be(1);
        (await _database.CountAsAdminAsync("""SELECT count(*) FROM tenant_globex."Notes" """)).Should().Be(0);
    }

    [Fact]
    public async Task A_schema_per_tenant_context_cannot_be_created_without_a_tenant()
    {
        var options = new DbContextOptionsBuilder<TestDb>().UseNpgsql(_database.OwnerConnectionString)
            .UseTenancy(t => t.UseSchemaPerTenant(tenant => "tenant_" + tenant.Id)).Options;

        FluentActions.Invoking(() => new TestDb(options)).Should().Throw<TenantNotResolvedException>();
        await Task.CompletedTask;
    }
}
