using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tenancy.EntityFramework;

namespace Tenancy.Billing.Usage;

/// <summary>Queries snapshots through the host's tenant context (its filter limits rows to the current tenant).</summary>
internal sealed class UsageHistory<TContext>(IServiceScopeFactory scopes, ICurrentTenant current) : IUsageHistory
    where TContext : DbContext, ITenantDbContext
{
    public async Task<IReadOnlyList<UsageSnapshot>> GetDailyAsync(DateOnly from, DateOnly to, string? meter = null, CancellationToken cancellationToken = default)
    {
        current.GetRequiredTenant();
        if (to < from)
        {
            throw new ArgumentException("The last day is before the first.", nameof(to));
        }

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var query = db.Set<UsageSnapshot>().AsNoTracking().Where(s => s.Day >= from && s.Day <= to);
        if (meter is not null)
        {
            query = query.Where(s => s.Meter == meter);
        }

        return await query.OrderBy(s => s.Meter).ThenBy(s => s.Day).ToListAsync(cancellationToken).ConfigureAwait(false);
    }
}
