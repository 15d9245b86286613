using Microsoft.EntityFrameworkCore;
using Tenancy.Lifecycle;

namespace Tenancy.EntityFramework.Lifecycle;

/// <summary>The durable <see cref="ITenantLifecycleJournal"/>: the <c>TenantLifecycleJournal</c> table, one row per finished step.</summary>
/// <typeparam name="TContext">A context whose model calls <c>ApplyTenancyPlatform()</c>.</typeparam>
public sealed class EfTenantLifecycleJournal<TContext> : ITenantLifecycleJournal
    where TContext : DbContext, ITenantDbContext
{
    private readonly IDbContextFactory<TContext> _contexts;

    /// <summary>Creates the journal.</summary>
    /// <param name="contexts">Creates contexts.</param>
    public EfTenantLifecycleJournal(IDbContextFactory<TContext> contexts)
    {
        ArgumentNullException.ThrowIfNull(contexts);
        _contexts = contexts;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, DateTimeOffset>> GetCompletedAsync(string tenantId, string operation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(operation);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await db.Set<TenantLifecycleJournalRecord>().AsNoTracking().Where(r => r.TenantId == tenantId && r.Operation == operation).ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.ToDictionary(r => r.Step, r => new DateTimeOffset(r.CompletedAtTicks, TimeSpan.Zero), StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public async Task MarkCompletedAsync(string tenantId, string operation, string step, DateTimeOffset completedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tenantId);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(step);
        await using var db = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        if (!await db.Set<TenantLifecycleJournalRecord>().AnyAsync(r => r.TenantId == tenantId && r.Operation == operation && r.Step == step, cancellationToken).ConfigureAwait(false))
        {
            db.Add(new TenantLifecycleJournalRecord { TenantId = tenantId, Operation = operation, Step = step, CompletedAtTicks = completedAt.UtcTicks });
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
