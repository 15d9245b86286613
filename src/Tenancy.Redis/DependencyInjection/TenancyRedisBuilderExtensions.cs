using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tenancy;
using Tenancy.RateLimiting;
using Tenancy.Redis;
using Tenancy.Redis.Backplane;
using Tenancy.Redis.Caching;
using Tenancy.Redis.RateLimiting;
using Tenancy.Stores;
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

    /// <summary>
    /// Reads tenants through a cache shared by every instance (HybridCache over Redis) behind the in-process cache, so a
    /// cold or restarted instance does not send every lookup to the database and concurrent misses of one key make one
    /// database read. Entries are removed on every tenant change; pair it with a backplane (<see cref="AddRedisBackplane"/>
    /// or the PostgreSQL one) so that other instances' changes remove them too. A Redis failure falls back to the database.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string.</param>
    /// <param name="configure">Changes the cache's times to live.</param>
    /// <returns>The builder.</returns>
    public static TenancyBuilder AddRedisTenantCache(this TenancyBuilder builder, string configuration, Action<RedisTenantCacheOptions>? configure = null)
    {
        AddRedisConnection(builder, configuration, null);
        var options = builder.Services.AddOptions<RedisTenantCacheOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisTenantCacheOptions>, RedisTenantCacheOptionsValidator>());
        return builder.WithSharedCache(static (sp, inner) => ActivatorUtilities.CreateInstance<HybridTenantStore>(sp, inner));
    }

    /// <summary>
    /// Keeps per-tenant rate limits in Redis, so a plan's limit holds across every instance together (one atomic script
    /// per request; fixed windows and token buckets). While Redis is down, <see cref="RedisRateLimiterOptions.WhenRedisIsDown"/>
    /// applies: each instance limits on its own (fail open, the default) or every request is refused (fail closed).
    /// The per-tenant rate limiter of Tenancy.AspNetCore (<c>AddTenancyRateLimiter</c>) picks it up.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string.</param>
    /// <param name="configure">Chooses the policy while Redis is down.</param>
    /// <returns>The builder.</returns>
    public static TenancyBuilder AddRedisRateLimiter(this TenancyBuilder builder, string configuration, Action<RedisRateLimiterOptions>? configure = null)
    {
        AddRedisConnection(builder, configuration, null);
        var options = builder.Services.AddOptions<RedisRateLimiterOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RedisRateLimiterOptions>, RedisRateLimiterOptionsValidator>());
        builder.Services.TryAddSingleton(static sp => new RedisRateLimiterFactory(
            sp.GetRequiredService<TenancyRedisConnection>(),
            sp.GetRequiredService<IOptions<RedisRateLimiterOptions>>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<Microsoft.Extensions.Logging.ILogger<RedisRateLimiterFactory>>()));
        builder.Services.TryAddSingleton<ISharedRateLimiterFactory>(static sp => sp.GetRequiredService<RedisRateLimiterFactory>());
        return builder;
    }

    /// <summary>
    /// Makes the <c>Idempotency-Key</c> middleware of Tenancy.AspNetCore claim each key atomically in Redis
    /// (<c>SET NX</c> with the in-progress timeout as expiry), so that instances sharing one Redis run a request once and
    /// refuse a concurrent duplicate with 409. Store the responses in Redis too (<c>AddStackExchangeRedisCache</c>) so
    /// that a retry on another instance is replayed.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string.</param>
    /// <returns>The builder.</returns>
    public static TenancyBuilder AddRedisIdempotency(this TenancyBuilder builder, string configuration)
    {
        AddRedisConnection(builder, configuration, null);
        builder.Services.TryAddSingleton<Tenancy.Idempotency.IIdempotencyClaims, Tenancy.Redis.Idempotency.RedisIdempotencyClaims>();
        return builder;
    }

    /// <summary>
    /// Keeps pending per-tenant SSO sign-ins (<c>state</c>, nonce, PKCE verifier) in Redis instead of process memory, so a
    /// provider's callback may reach any instance and a replayed <c>state</c> is refused on all of them (<c>GETDEL</c>).
    /// Replaces the in-memory store whether it is called before or after <c>AddTenantSso()</c>.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configuration">The StackExchange.Redis configuration string.</param>
    /// <returns>The builder.</returns>
    public static TenancyBuilder AddRedisSignInState(this TenancyBuilder builder, string configuration)
    {
        AddRedisConnection(builder, configuration, null);
        builder.Services.RemoveAll<Tenancy.Sso.ITenantSignInStateStore>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<Tenancy.Sso.ITenantSignInStateStore, Tenancy.Redis.Sso.RedisTenantSignInStateStore>();
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
