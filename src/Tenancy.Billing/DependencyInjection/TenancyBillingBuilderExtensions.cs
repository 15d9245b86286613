using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Tenancy;
using Tenancy.Billing;
using Tenancy.Billing.Diagnostics;
using Tenancy.Billing.Events;
using Tenancy.Billing.Features;
using Tenancy.Billing.Gauges;
using Tenancy.Billing.Overrides;
using Tenancy.Billing.Plans;
using Tenancy.Billing.Quotas;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Tenancy.Billing to a <see cref="TenancyBuilder"/>.</summary>
public static class TenancyBillingBuilderExtensions
{
    /// <summary>
    /// Adds plans, feature gates, quotas (in-process counters unless <see cref="BillingBuilder.UseRedis(string, Action{Tenancy.Billing.Redis.BillingRedisOptions}?)"/>),
    /// alerts and, when configured, Stripe and usage snapshots. The plan catalogue is validated at start-up.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="configure">Chooses the catalogue, the counter store, gauges and Stripe.</param>
    /// <returns>The Tenancy builder.</returns>
    public static TenancyBuilder AddTenancyBilling(this TenancyBuilder builder, Action<BillingBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        services.AddOptions<PlanCatalogOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlanCatalogOptions>, PlanCatalogOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PlanCatalogOptions>, PlanCatalogConsistencyValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<BillingMetrics>();
        services.TryAddSingleton<PlanCatalog>();
        services.TryAddSingleton<IPlanCatalog>(sp => sp.GetRequiredService<PlanCatalog>());
        services.TryAddSingleton<BillingEventDispatcher>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, BillingEventDispatcher>(sp => sp.GetRequiredService<BillingEventDispatcher>()));
        services.TryAddSingleton<IPlanOverrideStore, InMemoryPlanOverrideStore>();
        services.TryAddSingleton<GaugeCache>();
        services.TryAddSingleton<QuotaGuard>();
        services.TryAddSingleton<IQuotaGuard>(sp => sp.GetRequiredService<QuotaGuard>());
        services.TryAddSingleton<IFeatureGate, FeatureGate>();

        configure(new BillingBuilder(services));
        services.TryAddSingleton<QuotaCounterStore, InMemoryQuotaCounterStore>();
        return builder;
    }
}
