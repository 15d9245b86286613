using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Tenancy.Testing.S3;

/// <summary>The S3-compatible server that eng/services/s3.sh starts (fauxqs), with its throw-away credentials.</summary>
public static class S3TestServer
{
    /// <summary>The server's URL; throws (the test fails) when TENANCY_TEST_S3_URL is not set.</summary>
    public static Uri Url => new(TestServers.Required(TestServers.S3UrlVariable, "the S3-compatible test server that eng/services/s3.sh starts"));

    /// <summary>The region the server signs for.</summary>
    public static string Region => TestServers.Optional("TENANCY_TEST_S3_REGION", "us-east-1");

    /// <summary>The access key id.</summary>
    public static string AccessKey => TestServers.Optional("TENANCY_TEST_S3_ACCESS_KEY", "test");

    /// <summary>The secret access key.</summary>
    public static string SecretKey => TestServers.Optional("TENANCY_TEST_S3_SECRET_KEY", "test");

    /// <summary>A client for the server (path-style addressing).</summary>
    public static AmazonS3Client CreateClient() =>
        new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config { ServiceURL = Url.ToString(), ForcePathStyle = true, AuthenticationRegion = Region });

    /// <summary>Creates a bucket with a fresh name that starts with <paramref name="prefix"/>.</summary>
    public static async Task<string> CreateBucketAsync(string prefix = "tenancy-", CancellationToken cancellationToken = default)
    {
        var bucket = prefix + Guid.NewGuid().ToString("N")[..20];
        using var client = CreateClient();
        await client.PutBucketAsync(bucket, cancellationToken);
        return bucket;
    }

    /// <summary>Every key in <paramref name="bucket"/>.</summary>
    public static async Task<List<string>> ListKeysAsync(string bucket, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        var keys = new List<string>();
        ListObjectsV2Response page;
        string? token = null;
        do
        {
            page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket, ContinuationToken = token }, cancellationToken);
            keys.AddRange((page.S3Objects ?? []).Select(o => o.Key));
            token = page.NextContinuationToken;
        }
        while (page.IsTruncated == true);

        return keys;
    }

    /// <summary>Deletes every object of <paramref name="bucket"/> and then the bucket (the test server keeps objects in memory).</summary>
    public static async Task DeleteBucketAsync(string bucket, CancellationToken cancellationToken = default)
    {
        using var client = CreateClient();
        ListObjectsV2Response page;
        do
        {
            page = await client.ListObjectsV2Async(new ListObjectsV2Request { BucketName = bucket }, cancellationToken);
            if (page.S3Objects is { Count: > 0 } objects)
            {
                await client.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = objects.Select(o => new KeyVersion { Key = o.Key }).ToList() }, cancellationToken);
            }
        }
        while (page.IsTruncated == true);

        await client.DeleteBucketAsync(bucket, cancellationToken);
    }
}
