using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Tenancy.Audit;
using Tenancy.EntityFramework.Platform;
using Tenancy.Stores;

namespace Tenancy.EntityFramework.Audit;

/// <summary>
/// <see cref="IAuditLogStore"/> in EF Core: the tenant-scoped <c>TenantAuditLog</c> table, keyed by tenant and sequence.
/// An append reads the tenant's last entry and inserts the next one in one transaction under a per-tenant lock
/// (a PostgreSQL advisory lock; SQLite's write lock), so concurrent appends form one chain; the primary key
/// (tenant, sequence) refuses a fork even without the lock. Reads are keyset pages of 500, so exports stay memory-flat.
/// The store has no update or delete; in PostgreSQL grant the application role only INSERT and SELECT on the table
/// (<see cref="TenancyPlatformSql.GetAuditLogPrivilegesSql"/>).
/// </summary>
/// <typeparam name="TContext">A context whose model calls <c>ApplyTenancyPlatform()</c>.</typeparam>
public sealed class EfAuditLogStore<TContext> : PlatformStoreBase<TContext>, IAuditLogStore
    where TContext : DbContext, ITenantDbContext
{
    private const int PageSize = 500;

    /// <summary>Creates the store.</summary>
    /// <param name="contexts">Creates contexts.</param>
    /// <param name="tenants">Finds tenants by id.</param>
    /// <param name="currentTenant">The current-tenant accessor the contexts read.</param>
    public EfAuditLogStore(IDbContextFactory<TContext> contexts, ITenantStore tenants, ICurrentTenant currentTenant)
        : base(contexts, tenants, currentTenant)
    {
    }

    /// <inheritdoc />
    public async Task<AuditEntry> AppendAsync(string tenantId, Func<AuditEntry?, AuditEntry> create, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(create);
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        using var scope = CurrentTenant.Begin(tenant);
        await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await TenantWriteLock.AcquireAsync(db, "audit", tenant.Id, cancellationToken).ConfigureAwait(false);
        var last = await db.Set<AuditEntryRecord>().AsNoTracking().OrderByDescending(e => e.Sequence).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        var entry = create(last is null ? null : ToEntry(last));
        if (!string.Equals(entry.TenantId, tenant.Id, StringComparison.Ordinal) || entry.Sequence != (last?.Sequence ?? 0) + 1)
        {
            throw new InvalidOperationException("An audit entry must continue its own tenant's chain.");
        }

        db.Add(new AuditEntryRecord
        {
            Sequence = entry.Sequence,
            TimestampTicks = entry.Timestamp.UtcTicks,
            ActorKind = (int)entry.ActorKind,
            ActorId = entry.ActorId,
            Action = entry.Action,
            Target = entry.Target,
            Outcome = (int)entry.Outcome,
            RequestId = entry.RequestId,
            SourceIp = entry.SourceIp,
            Details = entry.Details,
            PreviousHash = entry.PreviousHash,
            Hash = entry.Hash,
        });
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<AuditEntry> ReadAsync(string tenantId, AuditQuery query, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var tenant = await FindTenantAsync(tenantId, cancellationToken).ConfigureAwait(false);
        var after = query.After ?? 0;
        while (true)
        {
            List<AuditEntryRecord> page;

            // Each page is read inside the tenant in its own context, so no connection or scope is held while the caller works.
            using (CurrentTenant.Begin(tenant))
            {
                await using var db = await Contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
                page = await Filter(db.Set<AuditEntryRecord>().AsNoTracking(), query, after).OrderBy(e => e.Sequence).Take(PageSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var record in page)
            {
                yield return ToEntry(record);
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = page[^1].Sequence;
        }
    }

    private static IQueryable<AuditEntryRecord> Filter(IQueryable<AuditEntryRecord> rows, AuditQuery query, long after)
    {
        rows = rows.Where(e => e.Sequence > after);
        if (query.ActorKind is { } kind)
        {
            var k = (int)kind;
            rows = rows.Where(e => e.ActorKind == k);
        }

        if (query.ActorId is { } actorId)
        {
            rows = rows.Where(e => e.ActorId == actorId);
        }

        if (query.Action is { } action)
        {
            rows = rows.Where(e => e.Action == action);
        }

        if (query.Target is { } target)
        {
            rows = rows.Where(e => e.Target == target);
        }

        if (query.From is { } from)
        {
            var ticks = from.UtcTicks;
            rows = rows.Where(e => e.TimestampTicks >= ticks);
        }

        if (query.To is { } to)
        {
            var ticks = to.UtcTicks;
            rows = rows.Where(e => e.TimestampTicks < ticks);
        }

        return rows;
    }

    private static AuditEntry ToEntry(AuditEntryRecord r) => new(
        r.TenantId,
        r.Sequence,
        new DateTimeOffset(r.TimestampTicks, TimeSpan.Zero),
        (AuditActorKind)r.ActorKind,
        r.ActorId,
        r.Action,
        r.Target,
        (AuditOutcome)r.Outcome,
        r.RequestId,
        r.SourceIp,
        r.Details,
        r.PreviousHash,
        r.Hash);
}
