using Microsoft.EntityFrameworkCore;
using Tenancy.Billing.Usage;
using Tenancy.Members;
using Tenancy.Sample.Host.Auth;
using Tenancy.Sample.Host.Data;
using Tenancy.Stores;

namespace Tenancy.Sample.Host.Console;

/// <summary>
/// The console demo's seed, run once at start-up and idempotent: the demo users' memberships
/// (<see cref="SampleUserStore.Memberships"/>) go into the real member store, and tenants that have no usage history yet
/// get 29 days of it (a demo's chart would otherwise show one bar; the snapshot service writes today's and later days).
/// Off with <c>Sample:Console:SeedDemoData=false</c>.
/// </summary>
public static class ConsoleDemoData
{
    /// <summary>Seeds what is missing.</summary>
    /// <param name="services">The application's services.</param>
    /// <param name="cancellationToken">Cancels the seed.</param>
    /// <returns>A task that completes when the seed is written.</returns>
    public static async Task SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var tenants = services.GetRequiredService<ITenantStore>();
        var members = services.GetRequiredService<TenantMembershipService>();
        foreach (var (tenantId, userId, email, roles) in SampleUserStore.Memberships)
        {
            if (await tenants.FindByIdAsync(tenantId, cancellationToken) is null)
            {
                continue;
            }

            var existing = await members.ListMembersAsync(tenantId, cancellationToken);
            if (!existing.Any(m => m.UserId == userId))
            {
                await members.AddMemberAsync(tenantId, userId, email, roles, "seed", cancellationToken);
            }
        }

        var time = services.GetRequiredService<TimeProvider>();
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var current = services.GetRequiredService<ICurrentTenant>();
        foreach (var (tenantId, scale) in new[] { ("t-acme", 40L), ("t-globex", 2L) })
        {
            if (await tenants.FindByIdAsync(tenantId, cancellationToken) is not { } tenant)
            {
                continue;
            }

            using var _ = current.Begin(tenant);
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SampleDb>();
            try
            {
                if (await db.Set<UsageSnapshot>().AnyAsync(cancellationToken))
                {
                    continue;
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException ex) when (ex.SqliteErrorCode == 1)
            {
                // A sample.db created by an older version of the sample has no snapshot table (EnsureCreated adds none
                // to an existing file): start without the demo history instead of failing; the usage page says so too.
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ConsoleDemoData)).LogWarning(
                    "App_Data/sample.db predates the usage-snapshot table; delete App_Data to get the demo usage history.");
                return;
            }

            for (var daysAgo = 29; daysAgo >= 1; daysAgo--)
            {
                var day = today.AddDays(-daysAgo);
                // A working week's shape: busier on weekdays, growing slowly.
                var weekday = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 1L : 3L;
                db.Add(new UsageSnapshot
                {
                    TenantId = tenantId,
                    Meter = "api-requests",
                    Day = day,
                    Used = scale * weekday * (60 - daysAgo) / 10,
                    RecordedAt = new DateTimeOffset(day.ToDateTime(new TimeOnly(23, 59)), TimeSpan.Zero),
                });
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }
}
