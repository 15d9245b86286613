using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Tenancy.EntityFramework.Data;

/// <summary>Exports and deletes all of one tenant's rows (data portability and erasure requests).</summary>
public static class TenantDataExtensions
{
    private static readonly MethodInfo ExportTypeMethod = typeof(TenantDataExtensions).GetMethod(nameof(ExportTypeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo DeleteTypeMethod = typeof(TenantDataExtensions).GetMethod(nameof(DeleteTypeAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>
    /// Writes every tenant-scoped row of <paramref name="tenant"/> to <paramref name="output"/> as one JSON document,
    /// streamed entity type by entity type and row by row:
    /// <c>{"tenantId":"acme","entities":{"Note":[{…},…],"Comment":[…]}}</c>. Each row carries its scalar properties,
    /// shadow properties (such as the tenant id) included; soft-deleted rows are exported too. Runs with <paramref name="tenant"/> current, so the tenant
    /// filter (and row-level security) keep other tenants out.
    /// </summary>
    /// <typeparam name="TContext">A <see cref="TenantDbContext"/> or another context that implements <see cref="ITenantDbContext"/>.</typeparam>
    /// <param name="context">The context.</param>
    /// <param name="tenant">The tenant to export.</param>
    /// <param name="output">Receives UTF-8 JSON.</param>
    /// <param name="cancellationToken">Cancels the export.</param>
    /// <returns>The number of rows written per entity type.</returns>
    public static async Task<IReadOnlyDictionary<string, int>> ExportTenantDataAsync<TContext>(this TContext context, TenantInfo tenant, Stream output, CancellationToken cancellationToken = default)
        where TContext : DbContext, ITenantDbContext
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(output);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var activity = TenancyEntityFrameworkTelemetry.Start("tenancy.ef.export", tenant.Id);
        using var scope = context.Tenancy.CurrentTenant.Begin(tenant);
        var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        await using (writer.ConfigureAwait(false))
        {
            writer.WriteStartObject();
            writer.WriteString("tenantId", tenant.Id);
            writer.WriteStartObject("entities");
            foreach (var entityType in context.Model.GetTenantScopedEntityTypesInDeleteOrder().Reverse().Where(t => t.BaseType is null && !t.HasSharedClrType))
            {
                writer.WritePropertyName(entityType.ShortName());
                writer.WriteStartArray();
                var task = (Task<int>)ExportTypeMethod.MakeGenericMethod(entityType.ClrType).Invoke(null, [context, entityType, writer, output, cancellationToken])!;
                counts[entityType.ShortName()] = await task.ConfigureAwait(false);
                writer.WriteEndArray();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        return counts;
    }

    /// <summary>
    /// Deletes every tenant-scoped row of <paramref name="tenant"/>, dependents first, in one transaction (unless one is
    /// already open, which is then used), soft-deleted rows included. Other tenants' rows are untouched: each delete runs through the tenant filter.
    /// Rows of other (not tenant-scoped) tables that point at the tenant's rows make the delete fail and roll back.
    /// </summary>
    /// <typeparam name="TContext">A <see cref="TenantDbContext"/> or another context that implements <see cref="ITenantDbContext"/>.</typeparam>
    /// <param name="context">The context.</param>
    /// <param name="tenant">The tenant whose rows to delete.</param>
    /// <param name="cancellationToken">Cancels the deletion.</param>
    /// <returns>The number of rows deleted per entity type.</returns>
    public static async Task<IReadOnlyDictionary<string, int>> DeleteTenantDataAsync<TContext>(this TContext context, TenantInfo tenant, CancellationToken cancellationToken = default)
        where TContext : DbContext, ITenantDbContext
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tenant);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        using var activity = TenancyEntityFrameworkTelemetry.Start("tenancy.ef.delete", tenant.Id);
        using var scope = context.Tenancy.CurrentTenant.Begin(tenant);
        IDbContextTransaction? transaction = context.Database.CurrentTransaction is null
            ? await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;
        try
        {
            foreach (var entityType in context.Model.GetTenantScopedEntityTypesInDeleteOrder().Where(t => t.BaseType is null && !t.HasSharedClrType))
            {
                var task = (Task<int>)DeleteTypeMethod.MakeGenericMethod(entityType.ClrType).Invoke(null, [context, cancellationToken])!;
                counts[entityType.ShortName()] = await task.ConfigureAwait(false);
            }

            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync().ConfigureAwait(false);
            }
        }

        context.ChangeTracker.Clear();
        return counts;
    }

    private static async Task<int> ExportTypeAsync<TEntity>(DbContext context, IEntityType entityType, Utf8JsonWriter writer, Stream output, CancellationToken cancellationToken)
        where TEntity : class
    {
        var properties = entityType.GetProperties().ToArray();
        var count = 0;
        await foreach (var entity in OfCurrentTenant<TEntity>(context).AsTracking().AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var entry = context.Entry(entity);
            writer.WriteStartObject();
            foreach (var property in properties)
            {
                writer.WritePropertyName(property.Name);
                JsonSerializer.Serialize(writer, entry.Property(property.Name).CurrentValue, property.ClrType);
            }

            writer.WriteEndObject();
            entry.State = EntityState.Detached;
            if (++count % 500 == 0)
            {
                await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return count;
    }

    private static Task<int> DeleteTypeAsync<TEntity>(DbContext context, CancellationToken cancellationToken)
        where TEntity : class => OfCurrentTenant<TEntity>(context).ExecuteDeleteAsync(cancellationToken);

    /// <summary>Every row of the current tenant, soft-deleted ones included: every named filter off except the tenant filter.</summary>
    private static IQueryable<TEntity> OfCurrentTenant<TEntity>(DbContext context)
        where TEntity : class
    {
        _ = ((ITenantDbContext)context).Tenancy.CurrentTenantId;
        var others = context.Model.FindEntityType(typeof(TEntity))!.GetDeclaredQueryFilters()
            .Where(f => !f.IsAnonymous && f.Key != TenancyModel.TenantFilterName)
            .Select(f => f.Key!)
            .ToArray();
        return others.Length == 0 ? context.Set<TEntity>() : context.Set<TEntity>().IgnoreQueryFilters(others);
    }
}
