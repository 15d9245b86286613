using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.Lifecycle;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds tenant onboarding and offboarding (<see cref="TenantLifecycleOrchestrator"/>).</summary>
public static class TenancyLifecycleBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="TenantLifecycleOrchestrator"/>. Packages add their steps when registered (API keys, members, EF data via
    /// <c>AddTenantDataLifecycle&lt;TContext&gt;()</c>); add your own with <see cref="AddLifecycleStep{TStep}"/>. The journal is
    /// in memory unless <c>AddEntityFrameworkPlatformStores&lt;TContext&gt;()</c> makes it durable.
    /// </summary>
    /// <param name="builder">The Tenancy builder.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddLifecycle(this TenancyBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ITenantLifecycleJournal, InMemoryTenantLifecycleJournal>();
        builder.Services.TryAddSingleton<TenantLifecycleOrchestrator>();
        return builder;
    }

    /// <summary>Adds a host-defined lifecycle step.</summary>
    /// <typeparam name="TStep">The step type.</typeparam>
    /// <param name="builder">The Tenancy builder.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddLifecycleStep<[System.Diagnostics.CodeAnalysis.DynamicallyAccessedMembers(System.Diagnostics.CodeAnalysis.DynamicallyAccessedMemberTypes.PublicConstructors)] TStep>(this TenancyBuilder builder)
        where TStep : TenantLifecycleStep
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<TenantLifecycleStep, TStep>());
        return builder;
    }
}
