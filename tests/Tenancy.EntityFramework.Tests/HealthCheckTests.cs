using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Tenancy.EntityFramework.PostgreSql.RowLevelSecurity;

namespace Tenancy.EntityFramework.Tests;

public sealed class HealthCheckTests : IAsyncLifetime
{
    private PostgresDatabase _database = null!;

    public async Task InitializeAsync() => _database = await PostgresDatabase.CreateAsync();

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    [Fact]
    public async Task The_check_is_healthy_for_the_application_role_and_unhealthy_for_a_role_that_bypasses_row_level_security()
    {
        (await CheckAsync(_database.AppConnectionString)).Status.Should().Be(HealthStatus.Healthy);

        var superuser = await CheckAsync(_database.AdminConnectionString);
        superuser.Status.Should().Be(HealthStatus.Unhealthy);
        superuser.Entries.Single().Value.Description.Should().Contain("BYPASSRLS");
    }

    [Fact]
    public async Task The_check_is_unhealthy_when_the_database_does_not_answer()
    {
        var wrong = new Npgsql.NpgsqlConnectionStringBuilder(_database.AppConnectionString) { Database = "does_not_exist", Timeout = 2 }.ConnectionString;
        (await CheckAsync(wrong)).Status.Should().Be(HealthStatus.Unhealthy);
    }

    [Fact]
    public void The_migration_helper_enables_and_forces_row_level_security_with_the_tenant_policy()
    {
        var migration = new MigrationBuilder("Npgsql.EntityFrameworkCore.PostgreSQL");
        migration.EnableTenantRowLevelSecurity("Notes", "app");
        migration.DisableTenantRowLevelSecurity("Notes", "app");

        var sql = migration.Operations.OfType<SqlOperation>().Select(o => o.Sql).ToArray();
        sql[0].Should().Contain("ALTER TABLE \"app\".\"Notes\" ENABLE ROW LEVEL SECURITY")
            .And.Contain("FORCE ROW LEVEL SECURITY")
            .And.Contain("USING (\"TenantId\" = NULLIF(current_setting('tenancy.tenant_id', true), ''))")
            .And.Contain("WITH CHECK (\"TenantId\" = NULLIF(current_setting('tenancy.tenant_id', true), ''))");
        sql[1].Should().Contain("DROP POLICY IF EXISTS tenancy_tenant_isolation");
    }

    [Fact]
    public async Task A_context_with_row_level_security_creates_its_database_and_policies()
    {
        var name = _database.Name + "_created";
        var connectionString = new Npgsql.NpgsqlConnectionStringBuilder(_database.AdminConnectionString) { Database = name }.ConnectionString;
        await using (var db = new TestDb(PostgresDatabase.Options(connectionString, t => t.UseRowLevelSecurity())))
        {
            try
            {
                (await db.Database.EnsureCreatedAsync()).Should().BeTrue();
                await TenantRowLevelSecurity.ApplyAsync(db);
                var forced = await db.Database.SqlQueryRaw<bool>("""SELECT relforcerowsecurity AS "Value" FROM pg_class WHERE relname = 'Notes'""").SingleAsync();
                forced.Should().BeTrue();
            }
            finally
            {
                await db.Database.EnsureDeletedAsync();
            }
        }
    }

    private static async Task<HealthReport> CheckAsync(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddTenancy().AddTenantDbContext<TestDb>((_, o) => o.UseNpgsql(connectionString), t => t.UseRowLevelSecurity());
        services.AddHealthChecks().AddTenantDbContextCheck<TestDb>();
        await using var provider = services.BuildServiceProvider();
        return await provider.GetRequiredService<HealthCheckService>().CheckHealthAsync();
    }
}
