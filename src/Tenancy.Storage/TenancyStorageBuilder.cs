using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tenancy.Storage.FileSystem;
using Tenancy.Storage.Serving;
using Tenancy.Storage.Objects;

namespace Tenancy.Storage;

/// <summary>Chooses and configures the storage backend. Returned to the callback of <c>AddTenancyStorage</c>.</summary>
public sealed class TenancyStorageBuilder
{
    internal TenancyStorageBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; }

    internal bool HasBackend { get; private set; }

    /// <summary>Stores objects in a local folder (development, single-machine deployments).</summary>
    /// <param name="rootPath">The folder (created when missing).</param>
    /// <returns>This builder.</returns>
    public TenancyStorageBuilder UseLocalDisk(string rootPath) => UseLocalDisk(o => o.RootPath = rootPath);

    /// <summary>Stores objects in a local folder.</summary>
    /// <param name="configure">Sets the options.</param>
    /// <returns>This builder.</returns>
    public TenancyStorageBuilder UseLocalDisk(Action<LocalDiskStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.AddOptions<LocalDiskStorageOptions>()
            .Configure(configure)
            .ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LocalDiskStorageOptions>, LocalDiskStorageOptionsValidator>());
        Services.TryAddSingleton(TimeProvider.System);
        Services.TryAddSingleton<LocalPresignedUrls>();
        return UseBackend(sp => new LocalDiskBackend(
            sp.GetRequiredService<IOptions<LocalDiskStorageOptions>>(),
            sp.GetRequiredService<LocalPresignedUrls>(),
            sp.GetRequiredService<IOptions<TenancyStorageOptions>>().Value.RootPrefix));
    }

    /// <summary>Sets the prefix under which tenant folders live (default <c>tenants</c>).</summary>
    /// <param name="rootPrefix">The prefix.</param>
    /// <returns>This builder.</returns>
    public TenancyStorageBuilder WithRootPrefix(string rootPrefix)
    {
        ArgumentNullException.ThrowIfNull(rootPrefix);
        Services.Configure<TenancyStorageOptions>(o => o.RootPrefix = rootPrefix);
        return this;
    }

    /// <summary>
    /// Changes which content types <see cref="ObjectServingPolicy"/> serves inline or under their own type (validated at
    /// start-up: active types such as HTML or SVG are refused).
    /// </summary>
    /// <param name="configure">Edits the allow-lists.</param>
    /// <returns>This builder.</returns>
    public TenancyStorageBuilder ConfigureServing(Action<ObjectServingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        Services.Configure(configure);
        return this;
    }

    /// <summary>
    /// Stores objects in the backend that <paramref name="factory"/> creates. The S3 backend
    /// (<c>UseS3</c>, package <c>Tenancy.Storage.S3</c>) and <see cref="UseLocalDisk(string)"/> call it; a backend of your
    /// own implements <see cref="IObjectBackend"/>.
    /// </summary>
    /// <param name="factory">Creates the backend (a singleton).</param>
    /// <returns>This builder.</returns>
    public TenancyStorageBuilder UseBackend(Func<IServiceProvider, IObjectBackend> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAll<IObjectBackend>();
        Services.AddSingleton(factory);
        HasBackend = true;
        return this;
    }
}
