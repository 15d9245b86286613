using Microsoft.EntityFrameworkCore;
using Tenancy.EntityFramework;
using Tenancy.Scim.Provisioning;

namespace Tenancy.Scim.EntityFramework;

/// <summary>The provisioning log in the tenant-scoped <c>ScimProvisioningLog</c> table.</summary>
/// <typeparam name="TContext">The context whose model has <c>ApplyTenancyScim()</c>.</typeparam>
internal sealed class EfScimProvisioningLog<TContext>(TContext db) : IScimProvisioningLog
    where TContext : DbContext, ITenantDbContext
{
    public async Task WriteAsync(ScimProvisioningEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        db.Add(new ScimProvisioningLogRecord
        {
            Timestamp = entry.Timestamp,
            Method = Cut(entry.Method, 16),
            Resource = Cut(entry.Resource, 64),
            ResourceId = entry.ResourceId is null ? null : Cut(entry.ResourceId, 64),
            Summary = Cut(entry.Summary, 2048),
            Status = entry.Status,
            ScimType = entry.ScimType,
            Error = entry.Error is null ? null : Cut(entry.Error, 1024),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    public async Task<IReadOnlyList<ScimProvisioningEntry>> ListAsync(int take = 100, bool failuresOnly = false, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        var query = db.Set<ScimProvisioningLogRecord>().AsNoTracking();
        if (failuresOnly)
        {
            query = query.Where(l => l.Status >= 400);
        }

        var rows = await query.OrderByDescending(l => l.Id).Take(take).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(l => new ScimProvisioningEntry(DateTime.SpecifyKind(l.Timestamp, DateTimeKind.Utc), l.Method, l.Resource, l.ResourceId, l.Summary, l.Status, l.ScimType, l.Error)).ToList();
    }

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..(length - 1)] + "…";
}
