using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.Diagnostics;
using Tenancy.Events;
using Tenancy.Resolution;
using Tenancy.Stores;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Tenancy to a service collection.</summary>
public static class TenancyServiceCollectionExtensions
{
    /// <summary>
    /// Adds the tenant context, the resolver and the change notifier, then lets <paramref name="configure"/> choose a
    /// store and strategies. Safe to call more than once.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Chooses a store and strategies.</param>
    /// <returns>The builder, for the other Tenancy packages' <c>Add…</c> methods.</returns>
    public static TenancyBuilder AddTenancy(this IServiceCollection services, Action<TenancyBuilder>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TenancyOptions>().ValidateOnStart();
        services.TryAddSingleton<ICurrentTenant>(AmbientCurrentTenant.Instance);
        services.TryAddSingleton<ITenantChangeNotifier, TenantChangeNotifier>();
        services.TryAddSingleton<ITenantResolver, TenantResolver>();
        services.TryAddSingleton<ITenantStore>(static sp => (ITenantStore?)sp.GetService<CachingTenantStore>() ?? GetCachedStore(sp));
        services.TryAddSingleton<IWritableTenantStore>(static sp =>
        {
            var inner = GetInnerStore(sp);
            if (inner is not IWritableTenantStore writable)
            {
                throw new InvalidOperationException($"The tenant store {inner.GetType().Name} is read-only.");
            }

            return (IWritableTenantStore?)sp.GetService<CachingTenantStore>() ?? GetCachedStore(sp) as IWritableTenantStore ?? writable;
        });
        services.TryAddSingleton(TimeProvider.System);

        var builder = new TenancyBuilder(services);
        configure?.Invoke(builder);
        return builder;
    }

    /// <summary>The store the in-process cache reads through: the shared second-level cache when registered, else the inner store.</summary>
    internal static ITenantStore GetCachedStore(IServiceProvider services) =>
        services.GetKeyedService<ITenantStore>(TenancyServiceKeys.SharedCacheStore) ?? GetInnerStore(services);

    internal static ITenantStore GetInnerStore(IServiceProvider services) =>
        services.GetKeyedService<ITenantStore>(TenancyServiceKeys.InnerStore)
        ?? throw new InvalidOperationException(
            "No tenant store is configured: call WithInMemoryStore, WithConfigurationStore or WithStore in AddTenancy.");
}
