using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy.EntityFramework;
using Tenancy.EntityFramework.Diagnostics;

namespace Tenancy;

/// <summary>Registers tenant-aware contexts (<see cref="TenantDbContext"/> or <see cref="ITenantDbContext"/>) on a <see cref="TenancyBuilder"/>.</summary>
public static class TenancyEntityFrameworkBuilderExtensions
{
    /// <summary>Registers <typeparamref name="TContext"/> as a scoped context (<c>AddDbContext</c>) configured with <c>UseTenancy()</c>.</summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Chooses the provider (<c>UseNpgsql</c>, <c>UseSqlite</c> …).</param>
    /// <param name="tenancy">Chooses the isolation features (<c>UseSchemaPerTenant</c>, <c>UseRowLevelSecurity()</c> from Tenancy.EntityFramework.PostgreSql …).</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddTenantDbContext<TContext>(
        this TenancyBuilder builder,
        Action<IServiceProvider, DbContextOptionsBuilder> configure,
        Action<TenancyDbContextOptionsBuilder>? tenancy = null)
        where TContext : DbContext, ITenantDbContext =>
        Register(builder, configure, services => services.AddDbContext<TContext>(Configure(configure, tenancy), optionsLifetime: ServiceLifetime.Singleton));

    /// <summary>
    /// Registers <typeparamref name="TContext"/> from a context pool (<c>AddDbContextPool</c>). Pooled contexts read the
    /// tenant at each query and save, so a rented context always serves the tenant current at that moment.
    /// </summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Chooses the provider.</param>
    /// <param name="tenancy">Chooses the isolation features (schema-per-tenant is not available with pooling).</param>
    /// <param name="poolSize">The most contexts the pool keeps.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddTenantDbContextPool<TContext>(
        this TenancyBuilder builder,
        Action<IServiceProvider, DbContextOptionsBuilder> configure,
        Action<TenancyDbContextOptionsBuilder>? tenancy = null,
        int poolSize = 1024)
        where TContext : DbContext, ITenantDbContext =>
        Register(builder, configure, services => services.AddDbContextPool<TContext>(Configure(configure, NoSchemaPerTenant(tenancy)), poolSize));

    /// <summary>Registers a pooled <see cref="IDbContextFactory{TContext}"/> (<c>AddPooledDbContextFactory</c>) for background work and singletons.</summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Chooses the provider.</param>
    /// <param name="tenancy">Chooses the isolation features (schema-per-tenant is not available with pooling).</param>
    /// <param name="poolSize">The most contexts the pool keeps.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddPooledTenantDbContextFactory<TContext>(
        this TenancyBuilder builder,
        Action<IServiceProvider, DbContextOptionsBuilder> configure,
        Action<TenancyDbContextOptionsBuilder>? tenancy = null,
        int poolSize = 1024)
        where TContext : DbContext, ITenantDbContext =>
        Register(builder, configure, services => services.AddPooledDbContextFactory<TContext>(Configure(configure, NoSchemaPerTenant(tenancy)), poolSize));

    /// <summary>Validates the arguments, adds the metrics every registration shares, then registers the context.</summary>
    private static TenancyBuilder Register(TenancyBuilder builder, Action<IServiceProvider, DbContextOptionsBuilder> configure, Action<IServiceCollection> register)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddMetrics();
        builder.Services.TryAddSingleton<EntityFrameworkMetrics>();
        register(builder.Services);
        return builder;
    }

    private static Action<IServiceProvider, DbContextOptionsBuilder> Configure(
        Action<IServiceProvider, DbContextOptionsBuilder> configure,
        Action<TenancyDbContextOptionsBuilder>? tenancy) =>
        (services, options) =>
        {
            configure(services, options);
            options.UseTenancy(t =>
            {
                t.UseCurrentTenant(services.GetService<ICurrentTenant>() ?? AmbientCurrentTenant.Instance);
                tenancy?.Invoke(t);
            });
        };

    private static Action<TenancyDbContextOptionsBuilder>? NoSchemaPerTenant(Action<TenancyDbContextOptionsBuilder>? tenancy) =>
        tenancy is null
            ? null
            : t =>
            {
                tenancy(t);
                if (t.Options.SchemaSelector is not null)
                {
                    throw new InvalidOperationException("Schema-per-tenant needs a model per schema, which a context pool cannot give: use AddTenantDbContext.");
                }
            };
}
