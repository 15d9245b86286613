using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.Diagnostics;
using Tenancy.Events;
using Tenancy.Resolution;

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
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TenancyMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));

        var builder = new TenancyBuilder(services);
        configure?.Invoke(builder);
        return builder;
    }
}
