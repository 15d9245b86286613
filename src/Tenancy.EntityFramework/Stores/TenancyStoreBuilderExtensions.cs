using Microsoft.EntityFrameworkCore;
using Tenancy;
using Tenancy.EntityFramework.Stores;
using Tenancy.Events;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses an EF Core tenant store on a <see cref="TenancyBuilder"/>.</summary>
public static class TenancyStoreBuilderExtensions
{
    /// <summary>
    /// Stores tenants with <see cref="EfTenantStore{TContext}"/> in <typeparamref name="TContext"/>, whose model must call
    /// <see cref="TenantStoreModelBuilderExtensions.ApplyTenantStore"/> and which must be registered with a
    /// <see cref="IDbContextFactory{TContext}"/> (<c>AddPooledTenantDbContextFactory</c>, <c>AddDbContextFactory</c> …).
    /// Registered as the inner store, so <c>WithCaching()</c> can wrap it.
    /// </summary>
    /// <typeparam name="TContext">The context type.</typeparam>
    /// <param name="builder">The Tenancy builder.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder WithEntityFrameworkStore<TContext>(this TenancyBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithStore(sp => new EfTenantStore<TContext>(
            sp.GetRequiredService<IDbContextFactory<TContext>>(),
            sp.GetService<ITenantChangeNotifier>()));
    }

    /// <summary>Stores tenants in their own <see cref="TenantStoreDbContext"/>, configured by <paramref name="configure"/> (pooled).</summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Chooses the provider and connection.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder WithEntityFrameworkStore(this TenancyBuilder builder, Action<IServiceProvider, DbContextOptionsBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddPooledDbContextFactory<TenantStoreDbContext>(configure);
        return builder.WithEntityFrameworkStore<TenantStoreDbContext>();
    }
}
