using Amazon.Runtime;
using Amazon.S3;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Tenancy.Storage;
using Tenancy.Storage.S3;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Chooses the S3 backend on a <see cref="TenancyStorageBuilder"/> (<c>AddTenancyStorage(s =&gt; s.UseS3("assets"))</c>).</summary>
public static class TenancyStorageS3BuilderExtensions
{
    /// <summary>The key of the <see cref="IAmazonS3"/> client that the S3 backend uses.</summary>
    public const string ServiceKey = "Tenancy.Storage";

    /// <summary>Stores objects in an S3 bucket (AWS or any S3-compatible server).</summary>
    /// <param name="builder">The storage builder.</param>
    /// <param name="bucketName">The bucket.</param>
    /// <param name="configure">Sets the endpoint, region, credentials and upload sizes.</param>
    /// <returns>The same builder.</returns>
    public static TenancyStorageBuilder UseS3(this TenancyStorageBuilder builder, string bucketName, Action<S3StorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(bucketName);
        var services = builder.Services;
        services.AddOptions<S3StorageOptions>()
            .Configure(o =>
            {
                o.BucketName = bucketName;
                configure?.Invoke(o);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<S3StorageOptions>, S3StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddKeyedSingleton<IAmazonS3>(ServiceKey, (sp, _) => CreateClient(sp.GetRequiredService<IOptions<S3StorageOptions>>().Value));
        return builder.UseBackend(sp => ActivatorUtilities.CreateInstance<S3Backend>(sp, sp.GetRequiredKeyedService<IAmazonS3>(ServiceKey)));
    }

    /// <summary>Uses an S3 client that you create (custom credentials, retry or HTTP settings) instead of one built from the options.</summary>
    /// <param name="builder">The storage builder.</param>
    /// <param name="factory">Creates the client; the container disposes it.</param>
    /// <returns>The same builder.</returns>
    public static TenancyStorageBuilder UseS3Client(this TenancyStorageBuilder builder, Func<IServiceProvider, IAmazonS3> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAllKeyed<IAmazonS3>(ServiceKey);
        builder.Services.AddKeyedSingleton(ServiceKey, (sp, _) => factory(sp));
        return builder;
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
