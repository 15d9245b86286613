using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tenancy;
using Tenancy.Redis;
using Tenancy.Redis.Backplane;
using Tenancy.Redis.Connection;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Turns on Tenancy's Redis scale-out parts on a <see cref="TenancyBuilder"/>.</summary>
public static partial class TenancyRedisBuilderExtensions
{
    /// <summary>
    /// Carries tenant changes between the instances of the application over Redis pub/sub, so that every instance's
    /// tenant cache, per-tenant options and rate-limit partitions follow a change made on any instance. After a lost
    /// connection it reconnects with back-off and flushes every cache. Check it with <c>AddTenancyRedisBackplaneCheck()</c>.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string.</param>
    /// <param name="configure">Changes the other options.</param>
    /// <returns>The builder.</returns>
    public static TenancyBuilder AddRedisBackplane(this TenancyBuilder builder, string configuration, Action<TenancyRedisOptions>? configure = null)
    {
        AddRedisConnection(builder, configuration, configure);
        builder.Services.TryAddSingleton<RedisTenantChangeBackplane>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisTenantChangeBackplane>(static sp => sp.GetRequiredService<RedisTenantChangeBackplane>()));
        return builder;
    }

    internal static void AddRedisConnection(TenancyBuilder builder, string configuration, Action<TenancyRedisOptions>? configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        builder.Services.AddOptions<TenancyRedisOptions>()
            .Configure(o =>
            {
                o.Configuration = configuration;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenancyRedisOptions>, TenancyRedisOptionsValidator>());
        builder.Services.TryAddSingleton<TenancyRedisConnection>();
    }
}
