using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tenancy.Storage.FileSystem;
using Tenancy.Storage.S3;
using Tenancy.Storage.Serving;

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

    /// <summary>Stores objects in an S3 bucket (AWS or any S3-compatible server).</summary>
    /// <param name="bucketName">The bucket.</param>
    /// <param name="configure">Sets the endpoint, region, credentials and upload sizes.</param>
    /// <returns>This builder.</returns>
    public TenancyStorageBuilder UseS3(string bucketName, Action<S3StorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(bucketName);
        Services.AddOptions<S3StorageOptions>()
            .Configure(o =>
            {
                o.BucketName = bucketName;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3StorageOptions>, S3StorageOptionsValidator>());
        Services.TryAddKeyedSingleton<IAmazonS3>(ServiceKey, (sp, _) => CreateClient(sp.GetRequiredService<IOptions<S3StorageOptions>>().Value));
        return UseBackend(sp => ActivatorUtilities.CreateInstance<S3Backend>(sp, sp.GetRequiredKeyedService<IAmazonS3>(ServiceKey)));
    }

    /// <summary>Uses an S3 client that you create (custom credentials, retry or HTTP settings) instead of one built from the options.</summary>
    /// <param name="factory">Creates the client; the container disposes it.</param>
    /// <returns>This builder.</returns>
    public TenancyStorageBuilder UseS3Client(Func<IServiceProvider, IAmazonS3> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        Services.RemoveAllKeyed<IAmazonS3>(ServiceKey);
        Services.AddKeyedSingleton(ServiceKey, (sp, _) => factory(sp));
        return this;
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

    /// <summary>The key of the <see cref="IAmazonS3"/> client that the S3 backend uses.</summary>
    public const string ServiceKey = "Tenancy.Storage";

    private TenancyStorageBuilder UseBackend(Func<IServiceProvider, IObjectBackend> factory)
    {
        Services.RemoveAll<IObjectBackend>();
        Services.AddSingleton(factory);
        HasBackend = true;
        return this;
    }

    private static AmazonS3Client CreateClient(S3StorageOptions options)
    {
        var config = new AmazonS3Config { AuthenticationRegion = options.Region };
        if (options.ServiceUrl is { } url)
        {
            config.ServiceURL = url.ToString();
            config.ForcePathStyle = options.ForcePathStyle ?? true;
        }
        else
        {
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(options.Region);
            config.ForcePathStyle = options.ForcePathStyle ?? false;
        }

        return string.IsNullOrEmpty(options.AccessKeyId)
            ? new AmazonS3Client(config)
            : new AmazonS3Client(new BasicAWSCredentials(options.AccessKeyId, options.SecretAccessKey), config);
    }
}
