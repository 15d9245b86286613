using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Tenancy.EntityFramework;

/// <summary>Fluent configuration of tenant-scoped entities.</summary>
public static class TenancyEntityTypeBuilderExtensions
{
    /// <summary>
    /// Marks the entity as tenant-scoped. A shadow <see cref="TenancyModel.TenantIdProperty"/> is added unless the class
    /// has one; the tenant filter, the save guards and row-level security then apply, and its indexes lead with the tenant id.
    /// </summary>
    /// <typeparam name="TEntity">The entity type.</typeparam>
    /// <param name="builder">The entity type builder.</param>
    /// <returns>The same builder.</returns>
    public static EntityTypeBuilder<TEntity> IsTenantScoped<TEntity>(this EntityTypeBuilder<TEntity> builder)
        where TEntity : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.HasAnnotation(TenancyModel.TenantScopedAnnotation, true);
        return builder;
    }
}
