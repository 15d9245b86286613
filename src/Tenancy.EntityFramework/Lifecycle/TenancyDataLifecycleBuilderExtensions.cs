using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Tenancy;
using Tenancy.EntityFramework;
using Tenancy.EntityFramework.Lifecycle;
using Tenancy.Lifecycle;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Makes a tenant context's data part of onboarding and offboarding.</summary>
public static class TenancyDataLifecycleBuilderExtensions
{
    /// <summary>
    /// Adds the lifecycle step of <typeparamref name="TContext"/> (needs an <see cref="IDbContextFactory{TContext}"/>): offboarding
    /// exports and deletes its rows of the tenant; onboarding provisions and seeds when <paramref name="provision"/> is set.
    /// </summary>
    /// <typeparam name="TContext">The context.</typeparam>
    /// <param name="builder">The Tenancy builder.</param>
    /// <param name="provision">Whether onboarding runs the provisioner (schema/database per tenant, migrations).</param>
    /// <param name="seed">Seeds a new tenant's rows, or <see langword="null"/>.</param>
    /// <returns>The same builder.</returns>
    public static TenancyBuilder AddTenantDataLifecycle<TContext>(this TenancyBuilder builder, bool provision = false, Func<TContext, CancellationToken, Task>? seed = null)
        where TContext : DbContext, ITenantDbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<TenantLifecycleStep, TenantDataLifecycleStep<TContext>>(
            sp => new TenantDataLifecycleStep<TContext>(sp.GetRequiredService<IDbContextFactory<TContext>>(), provision, seed)));
        return builder.AddLifecycle();
    }
}
