using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Metadata.Conventions;

namespace Tenancy.EntityFramework.Interception;

/// <summary>
/// Finds tenant-scoped entity types, gives them a required tenant-id property (a concurrency token, so that an update
/// or delete of another tenant's row matches nothing), makes every index lead with it, and adds the named tenant filter.
/// </summary>
internal sealed class TenancyModelConvention(DbContext context) : IModelFinalizingConvention
{
    private static readonly MethodInfo PropertyMethod = typeof(EF).GetMethod(nameof(EF.Property))!.MakeGenericMethod(typeof(string));

    public void ProcessModelFinalizing(IConventionModelBuilder modelBuilder, IConventionContext<IConventionModelBuilder> context1)
    {
        if (TenancyDbContextState.Of(context) is { TenantSchema: { } schema })
        {
            modelBuilder.HasDefaultSchema(schema);
        }

        foreach (var entityType in modelBuilder.Metadata.GetEntityTypes().ToList())
        {
            if (entityType.IsOwned() || !IsTenantScoped(entityType))
            {
                continue;
            }

            if (context is not ITenantDbContext)
            {
                throw new TenancyConfigurationException(
                    $"{entityType.DisplayName()} is tenant-scoped but {context.GetType().Name} is neither a TenantDbContext nor an ITenantDbContext, so nothing would filter, stamp or guard its rows. "
                    + $"Derive {context.GetType().Name} from Tenancy.EntityFramework.TenantDbContext, or implement ITenantDbContext when it must derive from another base class (IdentityDbContext …).");
            }

            if (!HasSaveGuard(context))
            {
                throw new TenancyConfigurationException(
                    $"{entityType.DisplayName()} is tenant-scoped but the Tenancy save interceptors of {context.GetType().Name} are missing. Configure the context with UseTenancy() (or AddTenantDbContext).");
            }

            entityType.SetAnnotation(TenancyModel.TenantScopedAnnotation, true);
            var property = entityType.FindProperty(TenancyModel.TenantIdProperty)
                ?? entityType.Builder.Property(typeof(string), TenancyModel.TenantIdProperty)!.Metadata;
            if (property.ClrType != typeof(string))
            {
                throw new InvalidOperationException($"{entityType.DisplayName()}.{TenancyModel.TenantIdProperty} must be a string.");
            }

            property.Builder.IsRequired(true);
            property.Builder.HasMaxLength(TenantId.MaxLength);
            property.Builder.IsConcurrencyToken(true);

            foreach (var index in entityType.GetDeclaredIndexes().ToList())
            {
                if (index.Properties[0] == property)
                {
                    continue;
                }

                var properties = new List<IConventionProperty>(index.Properties.Count + 1) { property };
                properties.AddRange(index.Properties.Where(p => p != property));
                var name = index.Name;
                var unique = index.IsUnique;
                var descending = index.IsDescending;
                var filter = index.GetFilter();
                entityType.RemoveIndex(index);
                var replaced = name is null ? entityType.AddIndex(properties) : entityType.AddIndex(properties, name);
                replaced!.SetIsUnique(unique);
                if (descending is { Count: > 0 })
                {
                    replaced.SetIsDescending([false, .. descending]);
                }

                if (filter is not null)
                {
                    replaced.SetFilter(filter);
                }
            }

            if (entityType.BaseType is null)
            {
                var filter = CreateFilter(entityType.ClrType);
                var existing = entityType.FindDeclaredQueryFilter(TenancyModel.TenantFilterName);
                entityType.SetQueryFilter(TenancyModel.TenantFilterName, filter);
                if (existing is not null || !ReferenceEquals(entityType.FindDeclaredQueryFilter(TenancyModel.TenantFilterName)?.Expression, filter))
                {
                    throw new TenancyConfigurationException(
                        $"The tenant filter '{TenancyModel.TenantFilterName}' of {entityType.DisplayName()} was replaced by HasQueryFilter in OnModelCreating. "
                        + "Remove that call: Tenancy adds the tenant filter itself; give your own filters another name.");
                }
            }
        }

        CheckSharedTables(modelBuilder.Metadata);
    }

    private static bool HasSaveGuard(DbContext dbContext) =>
        dbContext.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors is { } interceptors
        && interceptors.Contains(TenantSaveChangesInterceptor.Instance);

    /// <summary>Every entity type that can be queried from a tenant table must itself carry the tenant filter.</summary>
    private static void CheckSharedTables(IConventionModel model)
    {
        var tenantTables = new HashSet<(string?, string)>();
        foreach (var entityType in model.GetEntityTypes())
        {
            if (entityType.IsTenantScoped() && entityType.GetTableName() is { } table)
            {
                tenantTables.Add((entityType.GetSchema(), table));
            }
        }

        foreach (var entityType in model.GetEntityTypes())
        {
            if (!entityType.IsOwned() && !entityType.IsTenantScoped() && entityType.GetTableName() is { } table && tenantTables.Contains((entityType.GetSchema(), table)))
            {
                throw new TenancyConfigurationException(
                    $"{entityType.DisplayName()} is mapped to the tenant table '{table}' but is not tenant-scoped, so its queries would read every tenant's rows. "
                    + "Make it tenant-scoped (ITenantScoped, [TenantScoped] or IsTenantScoped()) or map it to another table.");
            }
        }
    }

    private static bool IsTenantScoped(IConventionEntityType entityType)
    {
        for (IConventionEntityType? type = entityType; type is not null; type = type.BaseType)
        {
            if (type.FindAnnotation(TenancyModel.TenantScopedAnnotation)?.Value is true)
            {
                return true;
            }
        }

        return typeof(ITenantScoped).IsAssignableFrom(entityType.ClrType)
            || entityType.ClrType.IsDefined(typeof(TenantScopedAttribute), inherit: true);
    }

    private LambdaExpression CreateFilter(Type clrType)
    {
        // e => EF.Property<string>(e, "TenantId") == context.CurrentTenantId
        // The context appears as a constant of its own type, which EF Core replaces with the executing context and turns
        // into one query parameter: the model and the query plan are shared by every tenant.
        var entity = Expression.Parameter(clrType, "e");
        var tenantId = Expression.Call(PropertyMethod, entity, Expression.Constant(TenancyModel.TenantIdProperty));
        // An ITenantDbContext that is not a TenantDbContext is reached through its state: ((ITenantDbContext)context).Tenancy.CurrentTenantId.
        var current = context is TenantDbContext
            ? Expression.Property(Expression.Constant(context, context.GetType()), nameof(TenantDbContext.CurrentTenantId))
            : Expression.Property(
                Expression.Property(Expression.Convert(Expression.Constant(context, context.GetType()), typeof(ITenantDbContext)), nameof(ITenantDbContext.Tenancy)),
                nameof(TenancyDbContextState.CurrentTenantId));
        return Expression.Lambda(Expression.Equal(tenantId, current), entity);
    }
}
