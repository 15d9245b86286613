using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Tenancy.Events;
using Tenancy.Resolution;
using Tenancy.Resolution.Strategies;
using Tenancy.Stores;

namespace Tenancy;

/// <summary>
/// Configures Tenancy: where tenants are stored and how requests name them. Returned by
/// <see cref="Microsoft.Extensions.DependencyInjection.TenancyServiceCollectionExtensions.AddTenancy(IServiceCollection, Action{TenancyBuilder}?)"/>;
/// other Tenancy packages add their own <c>Add…</c> methods to it.
/// </summary>
public sealed class TenancyBuilder
{
    internal TenancyBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Uses <typeparamref name="TStore"/> as the tenant store (a singleton).</summary>
    /// <typeparam name="TStore">The store type.</typeparam>
    /// <returns>This builder.</returns>
    public TenancyBuilder WithStore<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStore>()
        where TStore : class, ITenantStore
    {
        Services.TryAddSingleton<TStore>();
        return WithStore(sp => sp.GetRequiredService<TStore>());
    }

    /// <summary>
    /// Uses the store created by <paramref name="factory"/> (a singleton). <see cref="ITenantStore"/> and
    /// <see cref="IWritableTenantStore"/> resolve to it, or to the cache around it after <see cref="WithCaching"/> (in either order).
    /// </summary>
    /// <param name="factory">Creates the store.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder WithStore(Func<IServiceProvider, ITenantStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAllKeyed<ITenantStore>(TenancyServiceKeys.InnerStore);
        Services.AddKeyedSingleton(TenancyServiceKeys.InnerStore, (sp, _) => factory(sp));
        return this;
    }

    /// <summary>
    /// Puts a store shared by the application's instances (a second-level cache such as Redis) between the in-process
    /// cache of <see cref="WithCaching"/> and the store of <see cref="WithStore(Func{IServiceProvider, ITenantStore})"/>.
    /// The last call wins.
    /// </summary>
    /// <param name="factory">Creates the shared cache (a singleton) from the services and the store it reads through.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder WithSharedCache(Func<IServiceProvider, ITenantStore, ITenantStore> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAllKeyed<ITenantStore>(TenancyServiceKeys.SharedCacheStore);
        Services.AddKeyedSingleton(TenancyServiceKeys.SharedCacheStore, (sp, _) => factory(sp, TenancyServiceCollectionExtensions.GetInnerStore(sp)));
        return this;
    }

    /// <summary>Keeps tenants in memory, seeded with <paramref name="tenants"/>. Writable; changes are published.</summary>
    /// <param name="tenants">The initial tenants.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder WithInMemoryStore(params IEnumerable<TenantInfo> tenants)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        var seed = tenants.ToArray();
        return WithStore(sp => new InMemoryTenantStore(seed, sp.GetRequiredService<ITenantChangeNotifier>()));
    }

    /// <summary>
    /// Reads tenants from a configuration section (for example <c>configuration.GetSection("Tenancy:Tenants")</c>) and
    /// follows its reloads; see <see cref="ConfigurationTenantStore"/> for the shape. Read-only. An invalid section
    /// fails at start-up (<c>ValidateOnStart</c>) or, without a host, when the store is first resolved.
    /// </summary>
    /// <param name="section">The section that lists the tenants.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder WithConfigurationStore(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        Services.AddOptions<ConfigurationTenantStoreOptions>().Configure(o => o.Section = section).ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConfigurationTenantStoreOptions>, ConfigurationTenantStoreOptionsValidator>());
        return WithStore(sp => new ConfigurationTenantStore(
            section,
            sp.GetRequiredService<ITenantChangeNotifier>(),
            sp.GetService<ILogger<ConfigurationTenantStore>>()));
    }

    /// <summary>
    /// Caches the store's lookups (<see cref="CachingTenantStore"/>) with explicit invalidation on tenant changes.
    /// May be called before or after the store is chosen.
    /// </summary>
    /// <param name="configure">Changes the cache options (time to live, negative time to live, size).</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder WithCaching(Action<TenantStoreCacheOptions>? configure = null)
    {
        var options = Services.AddOptions<TenantStoreCacheOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TenantStoreCacheOptions>, TenantStoreCacheOptionsValidator>());
        Services.TryAddSingleton(sp => new CachingTenantStore(
            TenancyServiceCollectionExtensions.GetCachedStore(sp),
            sp.GetRequiredService<IOptions<TenantStoreCacheOptions>>().Value,
            sp.GetRequiredService<ITenantChangeNotifier>(),
            sp.GetService<TimeProvider>(),
            sp.GetService<ILogger<CachingTenantStore>>()));
        return this;
    }

    /// <summary>Adds a strategy instance at the end of the resolution order.</summary>
    /// <param name="strategy">The strategy.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder AddStrategy(ITenantResolutionStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        Services.AddSingleton(strategy);
        return this;
    }

    /// <summary>Adds a strategy type (a singleton) at the end of the resolution order.</summary>
    /// <typeparam name="TStrategy">The strategy type.</typeparam>
    /// <returns>This builder.</returns>
    public TenancyBuilder AddStrategy<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TStrategy>()
        where TStrategy : class, ITenantResolutionStrategy
    {
        Services.AddSingleton<ITenantResolutionStrategy, TStrategy>();
        return this;
    }

    /// <summary>
    /// Resolves from the host: <paramref name="template"/> such as <c>{tenant}.example.com</c> maps a subdomain to an
    /// identifier, and any other host is looked up as a tenant's custom domain (unless <paramref name="customDomains"/> is off).
    /// </summary>
    /// <param name="template">A host template with one <c>{tenant}</c> label.</param>
    /// <param name="customDomains">Whether hosts outside the template are looked up as custom domains.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder FromHost(string template, bool customDomains = true) => AddStrategy(new HostTenantStrategy(template, customDomains));

    /// <summary>Resolves from a request header.</summary>
    /// <param name="headerName">The header name.</param>
    /// <param name="kind">Which key the header carries.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder FromHeader(string headerName = HeaderTenantStrategy.DefaultHeaderName, TenantKeyKind kind = TenantKeyKind.Identifier) =>
        AddStrategy(new HeaderTenantStrategy(headerName, kind));

    /// <summary>Resolves from the first path segment (<c>/acme/orders</c>); the ASP.NET Core middleware moves it to <c>PathBase</c>.</summary>
    /// <param name="kind">Which key the segment carries.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder FromPath(TenantKeyKind kind = TenantKeyKind.Identifier) => AddStrategy(new PathTenantStrategy(kind));

    /// <summary>Resolves from a claim of the authenticated principal. Authoritative: other strategies must agree with it.</summary>
    /// <param name="claimType">The claim type.</param>
    /// <param name="kind">Which key the claim carries (the tenant id by default).</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder FromClaim(string claimType = ClaimTenantStrategy.DefaultClaimType, TenantKeyKind kind = TenantKeyKind.Id) =>
        AddStrategy(new ClaimTenantStrategy(claimType, kind));

    /// <summary>Resolves from a query-string parameter (opt-in: query strings end up in logs and referrers).</summary>
    /// <param name="parameterName">The parameter name.</param>
    /// <param name="kind">Which key the parameter carries.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder FromQuery(string parameterName = "tenant", TenantKeyKind kind = TenantKeyKind.Identifier) =>
        AddStrategy(new QueryTenantStrategy(parameterName, kind));

    /// <summary>Resolves every request that reached it to one tenant (development, single-tenant deployments). Put it last.</summary>
    /// <param name="identifier">The tenant's identifier.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder FromDefault(string identifier) => AddStrategy(new StaticTenantStrategy(identifier));

    /// <summary>Resolves with a delegate that returns a key (or <see langword="null"/> for none).</summary>
    /// <param name="name">The strategy's name for logs and metrics.</param>
    /// <param name="resolve">Returns the key.</param>
    /// <param name="kind">Which key the delegate returns.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder FromDelegate(string name, Func<TenantRequestView, string?> resolve, TenantKeyKind kind = TenantKeyKind.Identifier) =>
        AddStrategy(new DelegateTenantStrategy(name, resolve, kind));

    /// <summary>Adds a resolution observer (a singleton).</summary>
    /// <typeparam name="TObserver">The observer type.</typeparam>
    /// <returns>This builder.</returns>
    public TenancyBuilder AddObserver<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TObserver>()
        where TObserver : TenantResolutionObserver
    {
        Services.AddSingleton<TenantResolutionObserver, TObserver>();
        return this;
    }

    /// <summary>Configures <see cref="TenancyOptions"/>.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    public TenancyBuilder Configure(Action<TenancyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }
}
