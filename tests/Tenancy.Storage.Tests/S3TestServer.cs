using Amazon.Runtime;
using Amazon.S3;
using Tenancy.Storage.S3;

namespace Tenancy.Storage.Tests;

/// <summary>The S3-compatible server that eng/services/s3.sh starts; tests fail loudly when it is missing.</summary>
internal static class S3TestServer
{
    public static Uri Url
    {
        get
        {
            var url = Environment.GetEnvironmentVariable("TENANCY_TEST_S3_URL");
            return string.IsNullOrWhiteSpace(url)
                ? throw new InvalidOperationException("TENANCY_TEST_S3_URL is not set: the S3 integration tests need the S3-compatible test server. Start it with ./eng/test.sh (or source eng/services/s3.sh).")
                : new Uri(url);
        }
    }

    public static string Region => Environment.GetEnvironmentVariable("TENANCY_TEST_S3_REGION") ?? "us-east-1";

    public static string AccessKey => Environment.GetEnvironmentVariable("TENANCY_TEST_S3_ACCESS_KEY") ?? "test";

    public static string SecretKey => Environment.GetEnvironmentVariable("TENANCY_TEST_S3_SECRET_KEY") ?? "test";

    public static void Configure(S3StorageOptions options)
    {
        options.ServiceUrl = Url;
        options.Region = Region;
        options.AccessKeyId = AccessKey;
        options.SecretAccessKey = SecretKey;
    }

    public static AmazonS3Client CreateClient() =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config { ServiceURL = Url.ToString(), ForcePathStyle = true, AuthenticationRegion = Region });

    public static async Task<string> CreateBucketAsync()
    {
        var bucket = "tenancy-" + Guid.NewGuid().ToString("N")[..20];
        using var client = CreateClient();
        await client.PutBucketAsync(bucket);
        return bucket;
    }
}
