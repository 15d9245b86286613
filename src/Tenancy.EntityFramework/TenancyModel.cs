using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Tenancy.EntityFramework;

/// <summary>Names that Tenancy uses in EF Core models, and questions about a model.</summary>
public static class TenancyModel
{
    /// <summary>The name of the tenant-id property (a real property on <see cref="ITenantScoped"/>, a shadow property otherwise).</summary>
    public const string TenantIdProperty = "TenantId";

    /// <summary>The name of the EF Core named query filter that restricts tenant-scoped entities to the current tenant.</summary>
    public const string TenantFilterName = "Tenancy.Tenant";

    /// <summary>The annotation that marks an entity type as tenant-scoped.</summary>
    public const string TenantScopedAnnotation = "Tenancy:TenantScoped";

    /// <summary>Whether <paramref name="entityType"/> is tenant-scoped.</summary>
    /// <param name="entityType">The entity type.</param>
    /// <returns><see langword="true"/> when its rows belong to one tenant.</returns>
    public static bool IsTenantScoped(this IReadOnlyEntityType entityType)
    {
        ArgumentNullException.ThrowIfNull(entityType);
        return entityType.FindAnnotation(TenantScopedAnnotation)?.Value is true;
    }

    /// <summary>The tenant-scoped entity types of <paramref name="model"/> that map to tables, in an order in which rows can be deleted (dependents first).</summary>
    /// <param name="model">The model.</param>
    /// <returns>The entity types.</returns>
    public static IReadOnlyList<IEntityType> GetTenantScopedEntityTypesInDeleteOrder(this IModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var types = model.GetEntityTypes().Where(t => t.IsTenantScoped() && t.GetTableName() is not null && !t.IsOwned()).ToList();
        var ordered = new List<IEntityType>(types.Count);
        var visited = new HashSet<IEntityType>();
        var visiting = new HashSet<IEntityType>();

        void Visit(IEntityType type)
        {
            if (visited.Contains(type) || !visiting.Add(type))
            {
                return;
            }

            // Dependents (rows that point at this type) go first.
            foreach (var fk in type.GetReferencingForeignKeys())
            {
                if (types.Contains(fk.DeclaringEntityType) && fk.DeclaringEntityType != type)
                {
                    Visit(fk.DeclaringEntityType);
                }
            }

            visiting.Remove(type);
            visited.Add(type);
            ordered.Add(type);
        }

        foreach (var type in types.OrderBy(t => t.Name, StringComparer.Ordinal))
        {
            Visit(type);
        }

        return ordered;
    }
}
