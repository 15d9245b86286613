using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Tenancy.EntityFramework.PostgreSql.Diagnostics;
using Tenancy.EntityFramework.Stores;
using Tenancy.Events;

namespace Tenancy.EntityFramework.PostgreSql.Backplane;

/// <summary>
/// Announces the EF tenant store's writes to the other instances with <c>pg_notify</c> inside the same transaction as
/// the write: PostgreSQL delivers a notification only when its transaction commits, so a rolled-back change is never
/// announced and a committed one always is. Opens a transaction around <c>SaveChanges</c> when none is open.
/// </summary>
internal sealed class TenantChangeNotifyInterceptor : SaveChangesInterceptor
{
    // NOTIFY payloads must be shorter than 8000 bytes.
    private const int MaxPayloadBytes = 7900;

    private readonly PostgreSqlTenantChangeBackplane _backplane;
    private readonly ILogger _logger;
    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    public TenantChangeNotifyInterceptor(PostgreSqlTenantChangeBackplane backplane, ILogger<TenantChangeNotifyInterceptor>? logger = null)
    {
        _backplane = backplane;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } context && Collect(context) is { Count: > 0 } payloads)
        {
            var owned = context.Database.CurrentTransaction is null ? context.Database.BeginTransaction() : null;
            _pending.AddOrUpdate(context, new Pending(payloads, owned));
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && Collect(context) is { Count: > 0 } payloads)
        {
            var owned = context.Database.CurrentTransaction is null
                ? await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
                : null;
            _pending.AddOrUpdate(context, new Pending(payloads, owned));
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            try
            {
                foreach (var payload in pending.Payloads)
                {
                    context.Database.ExecuteSql($"SELECT pg_notify({_backplane.Channel}, {payload})");
                }

                pending.Owned?.Commit();
            }
            finally
            {
                pending.Owned?.Dispose();
            }
        }

        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            try
            {
                foreach (var payload in pending.Payloads)
                {
                    await context.Database.ExecuteSqlAsync($"SELECT pg_notify({_backplane.Channel}, {payload})", cancellationToken).ConfigureAwait(false);
                }

                if (pending.Owned is { } owned)
                {
                    await owned.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (pending.Owned is { } owned)
                {
                    await owned.DisposeAsync().ConfigureAwait(false);
                }
            }
        }

        return result;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        AbandonAsync(eventData.Context);

    public override void SaveChangesCanceled(DbContextEventData eventData) => Abandon(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        AbandonAsync(eventData.Context);

    private void Abandon(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            pending.Owned?.Dispose(); // Disposing an uncommitted transaction rolls it back; nothing was announced.
        }
    }

    private async Task AbandonAsync(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            _pending.Remove(context);
            if (pending.Owned is { } owned)
            {
                await owned.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private List<string> Collect(DbContext context)
    {
        var changes = new Dictionary<string, (TenantChangeKind Kind, HashSet<string> Keys)>(StringComparer.Ordinal);
        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted))
            {
                continue;
            }

            switch (entry.Entity)
            {
                case TenantRecord tenant:
                {
                    var id = entry.State == EntityState.Deleted ? (string)entry.OriginalValues[nameof(TenantRecord.Id)]! : tenant.Id;
                    var kind = entry.State switch
                    {
                        EntityState.Added => TenantChangeKind.Added,
                        EntityState.Deleted => TenantChangeKind.Removed,
                        _ => TenantChangeKind.Updated,
                    };
                    var keys = For(changes, id, kind);
                    keys.Add(tenant.Identifier);
                    if (entry.State != EntityState.Added && entry.OriginalValues[nameof(TenantRecord.Identifier)] is string before)
                    {
                        keys.Add(before);
                    }

                    break;
                }

                case TenantDomainRecord domain:
                {
                    var id = entry.State == EntityState.Added ? domain.TenantId : (string)entry.OriginalValues[nameof(TenantDomainRecord.TenantId)]!;
                    var keys = For(changes, id, TenantChangeKind.Updated);
                    keys.Add(domain.Domain);
                    if (entry.State != EntityState.Added && entry.OriginalValues[nameof(TenantDomainRecord.Domain)] is string before)
                    {
                        keys.Add(before);
                    }

                    break;
                }
            }
        }

        var payloads = new List<string>(changes.Count);
        foreach (var (id, (kind, keys)) in changes)
        {
            var bytes = TenantChangeCodec.Encode(new TenantChange(kind, id, null, null) { Keys = [.. keys] }, _backplane.InstanceId);
            if (bytes.Length > MaxPayloadBytes)
            {
                Log.NotifyTooLarge(_logger, id);
                bytes = TenantChangeCodec.Encode(TenantChange.Reset(), _backplane.InstanceId);
            }

            payloads.Add(System.Text.Encoding.UTF8.GetString(bytes));
        }

        return payloads;
    }

    private static HashSet<string> For(Dictionary<string, (TenantChangeKind Kind, HashSet<string> Keys)> changes, string id, TenantChangeKind kind)
    {
        if (changes.TryGetValue(id, out var existing))
        {
            // A tenant row that is added or removed wins over the domain rows that come and go with it.
            if (kind != TenantChangeKind.Updated)
            {
                changes[id] = (kind, existing.Keys);
            }

            return existing.Keys;
        }

        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        changes[id] = (kind, keys);
        return keys;
    }

    private sealed record Pending(List<string> Payloads, IDbContextTransaction? Owned);
}
