using Tenancy.Storage.S3;
using Tenancy.Testing.S3;

namespace Tenancy.Storage.Tests;

/// <summary>Points the S3 backend at the S3-compatible server that eng/services/s3.sh starts (<see cref="S3TestServer"/>).</summary>
internal static class S3TestStorage
{
    public static void Configure(S3StorageOptions options)
    {
        options.ServiceUrl = S3TestServer.Url;
        options.Region = S3TestServer.Region;
        options.AccessKeyId = S3TestServer.AccessKey;
        options.SecretAccessKey = S3TestServer.SecretKey;
    }
}
