using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.Billing.Usage;
using Tenancy.EntityFramework;
using Tenancy.Testing.Postgres;

namespace Tenancy.Billing.Tests;

/// <summary>Daily snapshots in PostgreSQL with row-level security, written through the tenant context by the application role.</summary>
/// <typeparam name="TContext">The host's context: a <see cref="TenantDbContext"/> or another one that implements <see cref="ITenantDbContext"/>.</typeparam>
public abstract class UsageSnapshotTests<TContext> : IAsyncLifetime
    where TContext : DbContext, ITenantDbContext
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(BillingHost.Start.UtcDateTime);
    private PostgresTestDatabase _database = null!;
    private BillingHost _host = null!;

    public async Task InitializeAsync()
    {
        _database = await BillingDatabase.CreateAsync();
        _host = await BillingHost.StartAsync(
            b => b.UseRedis(RedisServer.Shared, o => o.KeyPrefix = RedisServer.UniquePrefix()).UseUsageSnapshots<TContext>(o => o.Interval = TimeSpan.Zero)
                .AddGauge("storage-bytes", (_, tenant, _) => ValueTask.FromResult(tenant.Id == Tenants.Acme.Id ? 640L : 5L)),
            services: s => s.AddTenancy().AddTenantDbContext<TContext>((_, db) => db.UseNpgsql(_database.AppConnectionString), t => t.UseRowLevelSecurity()));
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    private IUsageSnapshotWriter Writer => _host.Services.GetRequiredService<IUsageSnapshotWriter>();

    private IUsageHistory History => _host.Services.GetRequiredService<IUsageHistory>();

    private async Task<IReadOnlyList<UsageSnapshot>> HistoryOfAsync(TenantInfo tenant, DateOnly from, DateOnly to, string? meter = null)
    {
        using (_host.Current.Begin(tenant))
        {
            return await History.GetDailyAsync(from, to, meter);
        }
    }

    [Fact]
    public async Task Snapshots_are_written_per_tenant_and_meter_and_a_rerun_rewrites_the_same_rows()
    {
        await _host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 12);
        await _host.Guard.TryConsumeAsync(Tenants.Globex, "api-requests", 3);

        await Writer.WriteAsync(Today);
        await _host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 8);
        await Writer.WriteAsync(Today);

        var acme = await HistoryOfAsync(Tenants.Acme, Today, Today);
        acme.Single(s => s.Meter == "api-requests").Should().BeEquivalentTo(new { TenantId = Tenants.Acme.Id, Used = 20L, Limit = (long?)100, Day = Today });
        acme.Single(s => s.Meter == "storage-bytes").Used.Should().Be(640);
        (await HistoryOfAsync(Tenants.Globex, Today, Today)).Single(s => s.Meter == "api-requests").Used.Should().Be(3);
        var rows = await _database.CountAsAdminAsync($"SELECT count(*) FROM {UsageModelBuilderExtensions.TableName} WHERE \"Meter\" = 'api-requests'");
        rows.Should().Be(Tenants.All.Length - 1, "one row per tenant with a known plan, however often the day is written");
    }

    [Fact]
    public async Task A_past_day_is_back_filled_from_the_counter_store()
    {
        await _host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 30);
        _host.Time.Advance(TimeSpan.FromDays(1));
        await _host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 4);

        await Writer.WriteAsync(Tenants.Acme, Today);
        await Writer.WriteAsync(Tenants.Acme, Today.AddDays(1));

        var history = await HistoryOfAsync(Tenants.Acme, Today, Today.AddDays(1), "api-requests");
        history.Select(s => (s.Day, s.Used)).Should().Equal((Today, 30L), (Today.AddDays(1), 4L));
    }

    [Fact]
    public async Task One_tenant_never_reads_or_overwrites_another_tenants_snapshots()
    {
        await _host.Guard.TryConsumeAsync(Tenants.Acme, "api-requests", 50);
        await Writer.WriteAsync(Today);

        var globex = await HistoryOfAsync(Tenants.Globex, Today.AddDays(-30), Today.AddDays(30));
        globex.Should().NotBeEmpty().And.OnlyContain(s => s.TenantId == Tenants.Globex.Id);
        globex.Single(s => s.Meter == "api-requests").Used.Should().Be(0);

        await using var scope = _host.Services.CreateAsyncScope();
        using (_host.Current.Begin(Tenants.Globex))
        {
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
#pragma warning disable EF1002 // the table name is a constant
            var raw = await db.Database.SqlQueryRaw<string>($"SELECT \"TenantId\" AS \"Value\" FROM {UsageModelBuilderExtensions.TableName}").ToListAsync();
#pragma warning restore EF1002
            raw.Should().NotBeEmpty().And.OnlyContain(id => id == Tenants.Globex.Id, "row-level security hides other tenants even from raw SQL without the EF filter");
            db.Set<UsageSnapshot>().Add(new UsageSnapshot { TenantId = Tenants.Acme.Id, Meter = "reports", Day = Today, Used = 999 });
            var save = async () => await db.SaveChangesAsync();
            await save.Should().ThrowAsync<Exception>();
        }

        (await HistoryOfAsync(Tenants.Acme, Today, Today)).Should().NotContain(s => s.Used == 999);
    }

    [Fact]
    public async Task The_history_needs_a_tenant_and_a_sensible_range()
    {
        var anonymous = async () => await History.GetDailyAsync(Today, Today);
        var backwards = async () => await HistoryOfAsync(Tenants.Acme, Today, Today.AddDays(-1));

        await anonymous.Should().ThrowAsync<TenantNotResolvedException>();
        await backwards.Should().ThrowAsync<ArgumentException>();
    }
}

/// <summary>Daily snapshots through a <see cref="TenantDbContext"/>.</summary>
public sealed class UsageSnapshotTests : UsageSnapshotTests<BillingDb>;

/// <summary>Daily snapshots through an <c>IdentityDbContext</c> that implements <see cref="ITenantDbContext"/>.</summary>
public sealed class IdentityUsageSnapshotTests : UsageSnapshotTests<IdentityBillingDb>;
