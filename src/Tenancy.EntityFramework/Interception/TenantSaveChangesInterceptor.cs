using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Tenancy.EntityFramework.Interception;

/// <summary>
/// Before a save: stamps the current tenant on added tenant-scoped rows, and refuses rows of another tenant and changed
/// tenant ids with <see cref="TenantMismatchException"/> (no tenant: <see cref="TenantNotResolvedException"/>).
/// </summary>
internal sealed class TenantSaveChangesInterceptor : SaveChangesInterceptor
{
    public static TenantSaveChangesInterceptor Instance { get; } = new();


    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Guard(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Guard(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Restore(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Restore(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Restore(eventData.Context);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Restore(eventData.Context);
        return Task.CompletedTask;
    }

    /// <summary>
    /// Under row-level security the tenant setting is transaction-scoped, and a save batch that reads rows-affected counts
    /// gets it as a separate command: such a save runs in a transaction even when EF would not use one (a single batch).
    /// Saves of INSERT … RETURNING only (database-generated keys) take the setting in the same batch and need none.
    /// </summary>
    private static void UseTransactionIfNeeded(TenantDbContext context)
    {
        var database = context.Database;
        if (!context.TenancyOptions.RowLevelSecurity || database.CurrentTransaction is not null || database.AutoTransactionBehavior != AutoTransactionBehavior.WhenNeeded)
        {
            return;
        }

        var changeTracker = context.ChangeTracker;
        if (changeTracker.Entries().Any(e => e.State == EntityState.Unchanged))
        {
            // Edited rows show as Unchanged until changes are detected (EF Core does it right after this interceptor).
            changeTracker.DetectChanges();
        }

        foreach (var entry in changeTracker.Entries())
        {
            var needs = entry.State switch
            {
                EntityState.Modified or EntityState.Deleted => true,
                EntityState.Added => !entry.Properties.Any(p => p.IsTemporary),
                _ => false,
            };
            if (needs)
            {
                database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
                context.RestoreAutoTransactionBehavior = true;
                return;
            }
        }
    }

    private static void Restore(DbContext? dbContext)
    {
        if (dbContext is TenantDbContext { RestoreAutoTransactionBehavior: true } context)
        {
            context.RestoreAutoTransactionBehavior = false;
            context.Database.AutoTransactionBehavior = AutoTransactionBehavior.WhenNeeded;
        }
    }

    internal static void Guard(DbContext? dbContext)
    {
        if (dbContext is not TenantDbContext context)
        {
            return;
        }

        // EF Core detects changes again right after this interceptor; a full DetectChanges here would double that work
        // (about 330 bytes per tracked row). Entries are read as they are, and only the rows that could hide a
        // cross-tenant write (an unchanged row of another tenant, or with an edited tenant id) are detected one by one.
        if (context.SchemaTenantId is not null || context.ConnectionTenantId is not null)
        {
            TenantBindingInterceptor.Check(context);
        }

        var changeTracker = context.ChangeTracker;
        var autoDetect = changeTracker.AutoDetectChangesEnabled;
        changeTracker.AutoDetectChangesEnabled = false;
        try
        {
            Guard(context, changeTracker.Entries());
            UseTransactionIfNeeded(context);
        }
        catch (TenancyException exception)
        {
            TenancyEntityFrameworkTelemetry.WriteRefused(context.CurrentTenant.Id, exception is TenantNotResolvedException ? "no-tenant" : "other-tenant");
            throw;
        }
        finally
        {
            changeTracker.AutoDetectChangesEnabled = autoDetect;
        }
    }

    private static void Guard(TenantDbContext context, IEnumerable<EntityEntry> entries)
    {
        var bypassed = context.IsTenantFilterBypassed;
        var current = context.CurrentTenant.Id;
        foreach (var entry in entries)
        {
            var state = entry.State;
            if (state == EntityState.Detached || !entry.Metadata.IsTenantScoped())
            {
                continue;
            }

            if (state == EntityState.Unchanged)
            {
                var property = entry.Property(TenancyModel.TenantIdProperty);
                var original = (string?)property.OriginalValue;
                if (string.Equals(original, (string?)property.CurrentValue, StringComparison.Ordinal) && string.Equals(original, current, StringComparison.Ordinal))
                {
                    continue;
                }

                entry.DetectChanges();
                state = entry.State;
                if (state == EntityState.Unchanged)
                {
                    continue;
                }
            }

            if (current is null && !bypassed)
            {
                throw new TenantNotResolvedException(
                    $"No tenant is set: {entry.Metadata.DisplayName()} rows cannot be saved. Set one with ICurrentTenant.Begin, or use BypassTenantFilter for host work.");
            }

            switch (state)
            {
                case EntityState.Added:
                    Stamp(entry, current, bypassed);
                    break;
                case EntityState.Modified:
                case EntityState.Deleted:
                    Check(entry, current, bypassed);
                    break;
            }
        }
    }

    private static void Stamp(EntityEntry entry, string? current, bool bypassed)
    {
        var existing = entry.Entity is ITenantScoped scoped ? scoped.TenantId : (string?)entry.Property(TenancyModel.TenantIdProperty).CurrentValue;
        if (string.IsNullOrEmpty(existing))
        {
            if (current is null)
            {
                throw new TenantNotResolvedException($"An added {entry.Metadata.DisplayName()} needs a tenant id when the tenant filter is bypassed.");
            }

            if (entry.Entity is ITenantScoped target)
            {
                target.TenantId = current;
            }
            else
            {
                entry.Property(TenancyModel.TenantIdProperty).CurrentValue = current;
            }
        }
        else if (!bypassed && !string.Equals(existing, current, StringComparison.Ordinal))
        {
            throw new TenantMismatchException($"An added {entry.Metadata.DisplayName()} belongs to tenant '{existing}', not to the current tenant '{current}'.");
        }
    }

    private static void Check(EntityEntry entry, string? current, bool bypassed)
    {
        var property = entry.Property(TenancyModel.TenantIdProperty);
        var original = (string?)property.OriginalValue;
        var now = (string?)property.CurrentValue;
        // Inside a bypass scope a row without a tenant may be given one (moving single-tenant data in); nothing else changes a tenant id.
        var backfill = bypassed && string.IsNullOrEmpty(original) && !string.IsNullOrEmpty(now) && entry.State == EntityState.Modified;
        if (!backfill && !string.Equals(original, now, StringComparison.Ordinal))
        {
            throw new TenantMismatchException($"The tenant id of a {entry.Metadata.DisplayName()} cannot change (from '{original}' to '{now}').");
        }

        if (!bypassed && !string.Equals(original, current, StringComparison.Ordinal))
        {
            throw new TenantMismatchException($"A {entry.State.ToString().ToUpperInvariant()} {entry.Metadata.DisplayName()} belongs to tenant '{original}', not to the current tenant '{current}'.");
        }
    }
}
