using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tenancy;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Per-tenant options: <see cref="IOptions{TOptions}"/>, <see cref="IOptionsSnapshot{TOptions}"/> and <see cref="IOptionsMonitor{TOptions}"/> answer with the current tenant's values.</summary>
public static class TenantOptionsServiceCollectionExtensions
{
    /// <summary>
    /// Configures <typeparamref name="TOptions"/> for each tenant. While a tenant is current, <see cref="IOptions{TOptions}"/>,
    /// <see cref="IOptionsSnapshot{TOptions}"/> and <see cref="IOptionsMonitor{TOptions}"/> return that tenant's instance,
    /// built once (after the <c>Configure</c> calls registered before this one) and rebuilt when the tenant changes.
    /// With no tenant current they return the host's values.
    /// </summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options for a tenant.</param>
    /// <returns>The services.</returns>
    /// <example><code>services.ConfigurePerTenant&lt;BrandingOptions&gt;((o, tenant) => o.Title = tenant.Name);</code></example>
    public static IServiceCollection ConfigurePerTenant<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(this IServiceCollection services, Action<TOptions, TenantInfo> configure)
        where TOptions : class =>
        services.ConfigurePerTenant(Microsoft.Extensions.Options.Options.DefaultName, configure);

    /// <summary>Configures the options named <paramref name="name"/> (every name when <see langword="null"/>) for each tenant.</summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="services">The services.</param>
    /// <param name="name">The options name; <see langword="null"/> for every name.</param>
    /// <param name="configure">Configures the options for a tenant.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection ConfigurePerTenant<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(this IServiceCollection services, string? name, Action<TOptions, TenantInfo> configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<TenantOptionsCacheOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantOptionsCacheOptions>, TenantOptionsCacheOptionsValidator>());
        services.TryAddSingleton<ICurrentTenant>(AmbientCurrentTenant.Instance);
        services.AddSingleton<IConfigureOptions<TOptions>>(sp => new TenantConfigureOptions<TOptions>(name, sp.GetRequiredService<ICurrentTenant>(), configure));

        services.TryAddSingleton<TenantOptionsCache<TOptions>>();
        services.TryAddSingleton<TenantOptionsManager<TOptions>>();
        services.RemoveAll<IOptionsMonitorCache<TOptions>>();
        services.AddSingleton<IOptionsMonitorCache<TOptions>>(sp => sp.GetRequiredService<TenantOptionsCache<TOptions>>());
        services.RemoveAll<IOptions<TOptions>>();
        services.AddSingleton<IOptions<TOptions>>(sp => sp.GetRequiredService<TenantOptionsManager<TOptions>>());
        services.RemoveAll<IOptionsSnapshot<TOptions>>();
        services.AddScoped<IOptionsSnapshot<TOptions>>(sp => sp.GetRequiredService<TenantOptionsManager<TOptions>>());
        return services;
    }

    /// <summary>Configures <typeparamref name="TOptions"/> for each tenant (see <see cref="ConfigurePerTenant{TOptions}(IServiceCollection, Action{TOptions, TenantInfo})"/>).</summary>
    /// <typeparam name="TOptions">The options type.</typeparam>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Configures the options for a tenant.</param>
    /// <returns>The builder.</returns>
    public static TenancyBuilder ConfigurePerTenant<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions>(this TenancyBuilder builder, Action<TOptions, TenantInfo> configure)
        where TOptions : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.ConfigurePerTenant(configure);
        return builder;
    }
}
