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

    internal static void Guard(DbContext? dbContext)
    {
        if (dbContext is not TenantDbContext context)
        {
            return;
        }

        var bypassed = context.IsTenantFilterBypassed;
        var current = context.CurrentTenant.Id;
        foreach (var entry in context.ChangeTracker.Entries())
        {
            var state = entry.State;
            if (state is EntityState.Unchanged or EntityState.Detached || !entry.Metadata.IsTenantScoped())
            {
                continue;
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
        if (!string.Equals(original, now, StringComparison.Ordinal))
        {
            throw new TenantMismatchException($"The tenant id of a {entry.Metadata.DisplayName()} cannot change (from '{original}' to '{now}').");
        }

        if (!bypassed && !string.Equals(original, current, StringComparison.Ordinal))
        {
            throw new TenantMismatchException($"A {entry.State.ToString().ToUpperInvariant()} {entry.Metadata.DisplayName()} belongs to tenant '{original}', not to the current tenant '{current}'.");
        }
    }
}
