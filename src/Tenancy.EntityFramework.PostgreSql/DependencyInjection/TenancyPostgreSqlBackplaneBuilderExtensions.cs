using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tenancy;
using Tenancy.EntityFramework.PostgreSql;
using Tenancy.EntityFramework.PostgreSql.Backplane;
using Tenancy.EntityFramework.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on the PostgreSQL tenant-change backplane on a <see cref="TenancyBuilder"/>.</summary>
public static class TenancyPostgreSqlBackplaneBuilderExtensions
{
    /// <summary>
    /// Carries the EF tenant store's changes (in <see cref="TenantStoreDbContext"/>) between instances with PostgreSQL
    /// <c>LISTEN/NOTIFY</c>; see <see cref="AddPostgreSqlBackplane{TContext}"/>.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="connectionString">The tenant store's database, for the listening connection.</param>
    /// <param name="configure">Changes the other options.</param>
    /// <returns>The builder.</returns>
    public static TenancyBuilder AddPostgreSqlBackplane(this TenancyBuilder builder, string connectionString, Action<PostgreSqlBackplaneOptions>? configure = null) =>
        builder.AddPostgreSqlBackplane<TenantStoreDbContext>(connectionString, configure);

    /// <summary>
    /// Carries the EF tenant store's changes between the instances of the application with PostgreSQL
    /// <c>LISTEN/NOTIFY</c>: every write of the store through <typeparamref name="TContext"/> calls <c>pg_notify</c> in
    /// its own transaction (never announced when rolled back), and every instance listens on a dedicated connection and
    /// invalidates its caches. A lost connection is retried with back-off and followed by a flush of every cache; check it
    /// with <c>AddTenancyPostgreSqlBackplaneCheck()</c>. Not compatible with a retrying execution strategy on
    /// <typeparamref name="TContext"/> (the interceptor opens the transaction).
    /// </summary>
    /// <typeparam name="TContext">The context the EF tenant store writes through.</typeparam>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="connectionString">The tenant store's database, for the listening connection.</param>
    /// <param name="configure">Changes the other options.</param>
    /// <returns>The builder.</returns>
    public static TenancyBuilder AddPostgreSqlBackplane<TContext>(this TenancyBuilder builder, string connectionString, Action<PostgreSqlBackplaneOptions>? configure = null)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var services = builder.Services;
        services.AddOptions<PostgreSqlBackplaneOptions>()
            .Configure(o =>
            {
                o.ConnectionString = connectionString;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlBackplaneOptions>, PostgreSqlBackplaneOptionsValidator>());
        services.TryAddSingleton<PostgreSqlTenantChangeBackplane>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PostgreSqlTenantChangeBackplane>(static sp => sp.GetRequiredService<PostgreSqlTenantChangeBackplane>()));
        services.TryAddSingleton<TenantChangeNotifyInterceptor>();
        services.ConfigureDbContext<TContext>(
            static (sp, options) => options.AddInterceptors(sp.GetRequiredService<TenantChangeNotifyInterceptor>()),
            ServiceLifetime.Singleton);
        return builder;
    }
}
