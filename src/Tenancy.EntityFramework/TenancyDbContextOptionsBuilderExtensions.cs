using Microsoft.EntityFrameworkCore.Infrastructure;
using Tenancy.EntityFramework;
using Tenancy.EntityFramework.Interception;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Turns on Tenancy for a <see cref="TenantDbContext"/>.</summary>
public static class TenancyDbContextOptionsBuilderExtensions
{
    /// <summary>
    /// Adds the tenant filter's context, the save guard and, when chosen, schema- or database-per-tenant (PostgreSQL
    /// row-level security comes with <c>UseRowLevelSecurity()</c> from <c>Tenancy.EntityFramework.PostgreSql</c>). Call it once when configuring a <see cref="TenantDbContext"/> or an <see cref="ITenantDbContext"/> (after the provider).
    /// </summary>
    /// <param name="builder">The options builder.</param>
    /// <param name="configure">Chooses the isolation features.</param>
    /// <returns>The same builder.</returns>
    public static DbContextOptionsBuilder UseTenancy(this DbContextOptionsBuilder builder, Action<TenancyDbContextOptionsBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Options.FindExtension<TenancyDbContextOptionsExtension>() is not null)
        {
            throw new InvalidOperationException("UseTenancy was already called for these options.");
        }

        var options = new TenancyDbContextOptions();
        configure?.Invoke(new TenancyDbContextOptionsBuilder(builder, options));
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new TenancyDbContextOptionsExtension(options));
        builder.AddInterceptors(TenantSaveChangesInterceptor.Instance);
        if (options.ConnectionStringSelector is not null || options.SchemaSelector is not null)
        {
            builder.AddInterceptors(new TenantBindingInterceptor(options));
        }

        if (options.SchemaSelector is not null)
        {
            builder.ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, TenantSchemaModelCacheKeyFactory>();
        }

        return builder;
    }

    /// <inheritdoc cref="UseTenancy(DbContextOptionsBuilder, Action{TenancyDbContextOptionsBuilder}?)"/>
    /// <typeparam name="TContext">The context type.</typeparam>
    public static DbContextOptionsBuilder<TContext> UseTenancy<TContext>(this DbContextOptionsBuilder<TContext> builder, Action<TenancyDbContextOptionsBuilder>? configure = null)
        where TContext : DbContext
    {
        UseTenancy((DbContextOptionsBuilder)builder, configure);
        return builder;
    }
}
