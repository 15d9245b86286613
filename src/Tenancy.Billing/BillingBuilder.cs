using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using Tenancy.Billing.Gauges;
using Tenancy.Billing.Payments;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;
using Tenancy.Billing.Redis;

namespace Tenancy.Billing;

/// <summary>Configures Tenancy.Billing: the plan catalogue, the counter store, gauge sources and Stripe.</summary>
public sealed class BillingBuilder
{
    internal BillingBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Binds the plan catalogue to a configuration section (<c>Meters</c>, <c>Plans</c>, <c>DefaultPlan</c>) and follows its reloads.</summary>
    /// <param name="section">The section, for example <c>configuration.GetSection("Billing:Plans")</c>.</param>
    /// <returns>This builder.</returns>
    public BillingBuilder UsePlans(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        Services.AddOptions<PlanCatalogOptions>().Configure(o => section.Bind(o)); // no options change source: PlanCatalog follows reloads itself
        Services.AddSingleton(new PlanCatalogReloadSource(section));
        return this;
    }

    /// <summary>Sets the plan catalogue in code.</summary>
    /// <param name="configure">Fills the catalogue.</param>
    /// <returns>This builder.</returns>
    public BillingBuilder UsePlans(Action<PlanCatalogOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>Counts counter meters in Redis, shared by every instance, over a connection of this package's own.</summary>
    /// <param name="configuration">A StackExchange.Redis configuration string.</param>
    /// <param name="configure">Changes the Redis options (leasing, key prefix, retention).</param>
    /// <returns>This builder.</returns>
    public BillingBuilder UseRedis(string configuration, Action<BillingRedisOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(configuration);
        return UseRedisCore(null, o =>
        {
            o.Configuration = configuration;
            configure?.Invoke(o);
        });
    }

    /// <summary>Counts counter meters in Redis over a connection that <paramref name="factory"/> makes (for hosts that share one multiplexer on purpose).</summary>
    /// <param name="factory">Makes the connection once.</param>
    /// <param name="configure">Changes the Redis options.</param>
    /// <returns>This builder.</returns>
    public BillingBuilder UseRedis(Func<IServiceProvider, Task<IConnectionMultiplexer>> factory, Action<BillingRedisOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return UseRedisCore(factory, configure);
    }

    /// <summary>Registers the source of a gauge meter's level (a singleton created by <paramref name="factory"/>).</summary>
    /// <param name="meter">The gauge meter's name.</param>
    /// <param name="factory">Creates the source.</param>
    /// <returns>This builder.</returns>
    public BillingBuilder AddGauge(string meter, Func<IServiceProvider, IGaugeSource> factory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(meter);
        ArgumentNullException.ThrowIfNull(factory);
        Services.AddKeyedSingleton(meter, (sp, _) => factory(sp));
        return this;
    }

    /// <summary>Registers the source of a gauge meter's level from a delegate.</summary>
    /// <param name="meter">The gauge meter's name.</param>
    /// <param name="read">Reads the level for a tenant.</param>
    /// <returns>This builder.</returns>
    public BillingBuilder AddGauge(string meter, Func<IServiceProvider, TenantInfo, CancellationToken, ValueTask<long>> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        return AddGauge(meter, sp => new DelegateGaugeSource(sp, read));
    }

    /// <summary>Reports usage to Stripe billing meters and accepts Stripe webhooks, with options bound from <paramref name="section"/> (<c>ApiKey</c>, <c>WebhookSecret</c> …).</summary>
    /// <param name="section">The section, for example <c>configuration.GetSection("Stripe")</c>.</param>
    /// <returns>This builder.</returns>
    public BillingBuilder UseStripe(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        return UseStripe(o => section.Bind(o));
    }

    /// <summary>Reports usage to Stripe billing meters and accepts Stripe webhooks.</summary>
    /// <param name="configure">Sets the options.</param>
    /// <returns>This builder.</returns>
    public BillingBuilder UseStripe(Action<StripeBillingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddOptions<StripeBillingOptions>().Configure(configure).ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StripeBillingOptions>, StripeBillingOptionsValidator>());
        Services.TryAddSingleton<BillingStripeClient>();
        Services.TryAddSingleton<InMemoryStripeEventLedger>();
        Services.TryAddSingleton<IStripeEventLedger>(sp => sp.GetService<BillingRedisConnection>() is null
            ? sp.GetRequiredService<InMemoryStripeEventLedger>()
            : ActivatorUtilities.CreateInstance<RedisStripeEventLedger>(sp)); // shared by every instance when Redis is in use
        Services.TryAddSingleton<IUsageReportLedger, InMemoryUsageReportLedger>();
        Services.TryAddSingleton<StripeWebhookProcessor>();
        Services.TryAddSingleton<StripeUsageReporter>();
        Services.TryAddSingleton<PaymentGraceService>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PaymentGraceService>(sp => sp.GetRequiredService<PaymentGraceService>()));
        return this;
    }

    /// <summary>
    /// Keeps a daily usage history in <typeparamref name="TContext"/> (which must map it with
    /// <see cref="Microsoft.EntityFrameworkCore.UsageModelBuilderExtensions.AddTenancyBillingUsage"/>): a hosted service writes the snapshots,
    /// <see cref="Usage.IUsageHistory"/> reads them for the current tenant.
    /// </summary>
    /// <typeparam name="TContext">The host's tenant context: a <c>TenantDbContext</c> or any context that implements <c>ITenantDbContext</c> (an <c>IdentityDbContext</c> …), registered with <c>AddTenantDbContext</c>.</typeparam>
    /// <param name="configure">Changes the interval.</param>
    /// <returns>This builder.</returns>
    public BillingBuilder UseUsageSnapshots<TContext>(Action<Usage.UsageSnapshotOptions>? configure = null)
        where TContext : Microsoft.EntityFrameworkCore.DbContext, EntityFramework.ITenantDbContext
    {
        var options = new Usage.UsageSnapshotOptions();
        configure?.Invoke(options);
        if (options.Interval < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(configure), "UsageSnapshotOptions.Interval must not be negative.");
        }

        Services.AddSingleton(options);
        Services.TryAddSingleton<Usage.IUsageSnapshotWriter, Usage.UsageSnapshotWriter<TContext>>();
        Services.TryAddSingleton<Usage.IUsageHistory, Usage.UsageHistory<TContext>>();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Usage.UsageSnapshotService>());
        return this;
    }

    /// <summary>
    /// Keeps the record of usage reported to Stripe, per-tenant limit overrides and processed Stripe event ids in
    /// <typeparamref name="TContext"/> (which must map them with
    /// <see cref="Microsoft.EntityFrameworkCore.BillingStoreModelBuilderExtensions.AddTenancyBillingStores"/>), so they survive
    /// restarts and are shared by every instance on the same database. Reports and overrides are tenant-scoped rows; event ids are global.
    /// </summary>
    /// <typeparam name="TContext">The host's tenant context: a <c>TenantDbContext</c> or any context that implements <c>ITenantDbContext</c> (an <c>IdentityDbContext</c> …), registered with <c>AddTenantDbContext</c>.</typeparam>
    /// <param name="overrideRefresh">How often each instance reloads overrides from the database (default one minute; zero: only at start).</param>
    /// <returns>This builder.</returns>
    public BillingBuilder UseEntityFrameworkStores<TContext>(TimeSpan? overrideRefresh = null)
        where TContext : Microsoft.EntityFrameworkCore.DbContext, EntityFramework.ITenantDbContext
    {
        var refresh = overrideRefresh ?? TimeSpan.FromMinutes(1);
        ArgumentOutOfRangeException.ThrowIfLessThan(refresh, TimeSpan.Zero, nameof(overrideRefresh));
        Services.RemoveAll<Overrides.IPlanOverrideStore>();
        Services.RemoveAll<Stores.EfPlanOverrideStore<TContext>>();
        Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Stores.EfPlanOverrideStore<TContext>>(sp, refresh));
        Services.AddSingleton<Overrides.IPlanOverrideStore>(sp => sp.GetRequiredService<Stores.EfPlanOverrideStore<TContext>>());
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, Stores.EfPlanOverrideStore<TContext>>(sp => sp.GetRequiredService<Stores.EfPlanOverrideStore<TContext>>()));
        Services.RemoveAll<IUsageReportLedger>();
        Services.AddSingleton<IUsageReportLedger, Stores.EfUsageReportLedger<TContext>>();
        Services.RemoveAll<IStripeEventLedger>();
        Services.AddSingleton<IStripeEventLedger, Stores.EfStripeEventLedger<TContext>>();
        return this;
    }

    private BillingBuilder UseRedisCore(Func<IServiceProvider, Task<IConnectionMultiplexer>>? factory, Action<BillingRedisOptions>? configure)
    {
        var options = Services.AddOptions<BillingRedisOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BillingRedisOptions>, BillingRedisOptionsValidator>());
        Services.RemoveAll<BillingRedisConnection>();
        Services.AddSingleton(sp => new BillingRedisConnection(sp.GetRequiredService<IOptions<BillingRedisOptions>>(), factory, sp));
        Services.TryAddSingleton<RedisQuotaCounterStore>();
        Services.RemoveAll<QuotaCounterStore>();
        Services.AddSingleton<QuotaCounterStore>(sp => sp.GetRequiredService<RedisQuotaCounterStore>());
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, RedisReconciler>());
        Services.TryAddSingleton<BillingRedisHealthCheck>();
        return this;
    }

    private sealed class DelegateGaugeSource(IServiceProvider services, Func<IServiceProvider, TenantInfo, CancellationToken, ValueTask<long>> read) : IGaugeSource
    {
        public ValueTask<long> ReadAsync(TenantInfo tenant, CancellationToken cancellationToken) => read(services, tenant, cancellationToken);
    }
}
