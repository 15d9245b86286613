using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;

namespace Tenancy.EntityFramework.Data;

/// <summary>
/// Moves single-tenant data in: assigns rows whose tenant id is empty (<c>''</c>, the default of a newly added tenant
/// column) to tenants, by a rule or a default tenant, in batches ordered by primary key. Each batch is saved on its own,
/// so an interrupted run keeps its progress and resumes from <see cref="TenantBackfillResult.Checkpoint"/>. A dry run
/// reports the same figures and writes nothing. Runs inside a logged tenant-filter bypass.
/// </summary>
public static class TenantBackfill
{
    /// <summary>Assigns <typeparamref name="TEntity"/> rows without a tenant to tenants.</summary>
    /// <typeparam name="TContext">A <see cref="TenantDbContext"/> or another context that implements <see cref="ITenantDbContext"/>.</typeparam>
    /// <typeparam name="TEntity">A tenant-scoped entity type with a single-column integer or string primary key.</typeparam>
    /// <param name="context">The context (connected with rights to update every row).</param>
    /// <param name="options">The rule, default tenant, batch size and dry-run switch.</param>
    /// <param name="progress">Told after each batch, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels after the current batch.</param>
    /// <returns>What was (or would be) done.</returns>
    public static async Task<TenantBackfillResult> AssignTenantsAsync<TContext, TEntity>(
        this TContext context,
        TenantBackfillOptions<TEntity> options,
        IProgress<TenantBackfillResult>? progress = null,
        CancellationToken cancellationToken = default)
        where TContext : DbContext, ITenantDbContext
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.BatchSize, 1);
        if (options.DefaultTenantId is { } fallback)
        {
            TenantId.Validate(fallback);
        }

        if (options.Rule is null && options.DefaultTenantId is null)
        {
            throw new ArgumentException("Give a rule, a default tenant or both.", nameof(options));
        }

        var entityType = context.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in the model.");
        if (!entityType.IsTenantScoped())
        {
            throw new InvalidOperationException($"{entityType.DisplayName()} is not tenant-scoped.");
        }

        var key = entityType.FindPrimaryKey()?.Properties is [var keyProperty] ? keyProperty : throw new InvalidOperationException($"{entityType.DisplayName()} needs a single-column primary key.");
        if (key.ClrType != typeof(int) && key.ClrType != typeof(long) && key.ClrType != typeof(string))
        {
            throw new InvalidOperationException($"{entityType.DisplayName()} needs an int, long or string primary key for batching.");
        }

        var perTenant = new Dictionary<string, int>(StringComparer.Ordinal);
        int examined = 0, assigned = 0, unassigned = 0;
        var checkpoint = options.ResumeAfter;
        using var bypass = context.Tenancy.BypassTenantFilter($"assigning {entityType.DisplayName()} rows to tenants{(options.DryRun ? " (dry run)" : "")}");
        while (true)
        {
            var query = context.Set<TEntity>().IgnoreQueryFilters().Where(e => EF.Property<string>(e, TenancyModel.TenantIdProperty) == "");
            if (checkpoint is not null)
            {
                query = query.Where(After<TEntity>(key.Name, key.ClrType, checkpoint));
            }

            var batch = await query.OrderBy(e => EF.Property<object>(e, key.Name)).Take(options.BatchSize).ToListAsync(cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var entity in batch)
            {
                examined++;
                var tenantId = options.Rule?.Invoke(entity) ?? options.DefaultTenantId;
                if (tenantId is null)
                {
                    unassigned++;
                    continue;
                }

                TenantId.Validate(tenantId);
                context.Entry(entity).Property(TenancyModel.TenantIdProperty).CurrentValue = tenantId;
                assigned++;
                perTenant[tenantId] = perTenant.GetValueOrDefault(tenantId) + 1;
            }

            checkpoint = context.Entry(batch[^1]).Property(key.Name).CurrentValue;
            if (!options.DryRun)
            {
                await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            context.ChangeTracker.Clear();
            progress?.Report(new TenantBackfillResult(entityType.DisplayName(), options.DryRun, examined, assigned, unassigned, new Dictionary<string, int>(perTenant), checkpoint));
            if (batch.Count < options.BatchSize)
            {
                break;
            }
        }

        return new TenantBackfillResult(entityType.DisplayName(), options.DryRun, examined, assigned, unassigned, perTenant, checkpoint);
    }

    private static Expression<Func<TEntity, bool>> After<TEntity>(string keyName, Type keyType, object checkpoint)
    {
        // e => EF.Property<TKey>(e, key) > checkpoint (string keys: string.Compare(...) > 0, translated to SQL).
        var entity = Expression.Parameter(typeof(TEntity), "e");
        var property = Expression.Call(typeof(EF), nameof(EF.Property), [keyType], entity, Expression.Constant(keyName));
        var value = Expression.Convert(Expression.Constant(Convert.ChangeType(checkpoint, keyType, System.Globalization.CultureInfo.InvariantCulture)), keyType);
        Expression body = keyType == typeof(string)
            ? Expression.GreaterThan(Expression.Call(typeof(string), nameof(string.Compare), null, property, value), Expression.Constant(0))
            : Expression.GreaterThan(property, value);
        return Expression.Lambda<Func<TEntity, bool>>(body, entity);
    }
}
