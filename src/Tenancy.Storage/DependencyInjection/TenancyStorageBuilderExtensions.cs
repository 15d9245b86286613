using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Tenancy;
using Tenancy.Storage;
using Tenancy.Lifecycle;
using Tenancy.Storage.Diagnostics;
using Tenancy.Storage.Lifecycle;
using Tenancy.Storage.Migration;
using Tenancy.Storage.Serving;
using Tenancy.Storage.Keys;
using Tenancy.Storage.Objects;
using Tenancy.Storage.Usage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds Tenancy.Storage to <see cref="TenancyBuilder"/>.</summary>
public static class TenancyStorageBuilderExtensions
{
    /// <summary>
    /// Adds the tenant-scoped object store (<see cref="ITenantObjectStore"/>), usage and purge
    /// (<see cref="ITenantStorageUsage"/>, <see cref="ITenantStoragePurge"/>), the serving policy for uploaded content
    /// (<see cref="ObjectServingPolicy"/>) and the migrator
    /// (<see cref="TenantStorageMigrator"/>), and its lifecycle step: with <c>AddLifecycle()</c> registered too, offboarding
    /// exports the tenant's objects into the archive (<c>objects/…</c>, SHA-256 in the manifest) and purges them (step
    /// <c>storage.objects</c>). <paramref name="configure"/> must choose a backend:
    /// <c>s =&gt; s.UseLocalDisk("App_Data/files")</c> or, with Tenancy.Storage.S3, <c>s =&gt; s.UseS3("assets")</c>.
    /// </summary>
    /// <param name="tenancy">The Tenancy builder.</param>
    /// <param name="configure">Chooses and configures the backend.</param>
    /// <returns>The Tenancy builder.</returns>
    public static TenancyBuilder AddTenancyStorage(this TenancyBuilder tenancy, Action<TenancyStorageBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(tenancy);
        ArgumentNullException.ThrowIfNull(configure);
        var services = tenancy.Services;
        var builder = new TenancyStorageBuilder(services);
        configure(builder);
        if (!builder.HasBackend && !services.Any(d => d.ServiceType == typeof(IObjectBackend)))
        {
            throw new InvalidOperationException("AddTenancyStorage needs a backend: call UseLocalDisk(...), UseS3(...) (package Tenancy.Storage.S3) or UseBackend(...).");
        }

        services.AddOptions<TenancyStorageOptions>()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Options.IValidateOptions<TenancyStorageOptions>, TenancyStorageOptionsValidator>());
        services.AddOptions<ObjectServingOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Options.IValidateOptions<ObjectServingOptions>, ObjectServingOptionsValidator>());
        services.TryAddSingleton<ObjectServingPolicy>();
        services.AddMetrics();
        services.TryAddSingleton<StorageMetrics>();
        services.TryAddSingleton(sp => new TenantKeyspace(
            sp.GetRequiredService<Options.IOptions<TenancyStorageOptions>>().Value.RootPrefix,
            sp.GetRequiredService<IObjectBackend>().MaxSegmentUtf8Bytes));
        services.TryAddSingleton<ITenantObjectStore, TenantObjectStore>();
        services.TryAddSingleton<TenantStorageAdministration>();
        services.TryAddSingleton<ITenantStorageUsage>(sp => sp.GetRequiredService<TenantStorageAdministration>());
        services.TryAddSingleton<ITenantStoragePurge>(sp => sp.GetRequiredService<TenantStorageAdministration>());
        services.TryAddSingleton(sp => new TenantStorageMigrator(
            sp.GetRequiredService<IObjectBackend>(),
            sp.GetRequiredService<TenantKeyspace>(),
            sp.GetRequiredService<StorageMetrics>(),
            sp.GetRequiredService<ILogger<TenantStorageMigrator>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<TenantLifecycleStep, TenantStorageLifecycleStep>(sp => new TenantStorageLifecycleStep(
            sp.GetRequiredService<IObjectBackend>(),
            sp.GetRequiredService<TenantKeyspace>(),
            sp.GetRequiredService<ITenantStoragePurge>())));
        return tenancy;
    }
}
