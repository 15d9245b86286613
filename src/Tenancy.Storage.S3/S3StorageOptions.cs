using System.ComponentModel.DataAnnotations;

namespace Tenancy.Storage.S3;

/// <summary>Options of the S3 backend, validated at start-up.</summary>
public sealed class S3StorageOptions : IValidatableObject
{
    private const int MiB = 1024 * 1024;

    /// <summary>The bucket. Required.</summary>
    [Required(AllowEmptyStrings = false)]
    public string BucketName { get; set; } = "";

    /// <summary>
    /// The endpoint of an S3-compatible server (MinIO, Ceph, a local emulator), or <see langword="null"/> for AWS. A plain
    /// <c>http://</c> endpoint also makes presigned URLs use HTTP.
    /// </summary>
    public Uri? ServiceUrl { get; set; }

    /// <summary>The region (AWS) or the signing region of an S3-compatible server. Default <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Path-style addressing (<c>host/bucket/key</c>). <see langword="null"/> means on when <see cref="ServiceUrl"/> is set.</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>An access key id; leave both keys empty to use the SDK's default credential chain (environment, profile, instance role).</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>The secret for <see cref="AccessKeyId"/>.</summary>
    public string? SecretAccessKey { get; set; }

    /// <summary>Uploads larger than this use multipart upload. Default 8 MiB; at least 5 MiB (S3's minimum part size).</summary>
    [Range(5 * MiB, int.MaxValue)]
    public int MultipartThresholdBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>The size of each multipart part, which is also the upload's memory bound. Default 8 MiB; 5 MiB to 512 MiB.</summary>
    [Range(5 * MiB, 512 * MiB)]
    public int PartSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>
    /// How many parts of one multipart upload are sent at once (1 to 16). Default 2. Memory per upload is at most
    /// (UploadConcurrency + 1) × <see cref="PartSizeBytes"/>.
    /// </summary>
    [Range(1, 16)]
    public int UploadConcurrency { get; set; } = 2;

    /// <summary>Copies of objects larger than this use multipart copy (S3 copies at most 5 GiB in one request). Default 5 GiB.</summary>
    [Range(5L * MiB, 5L * 1024 * MiB)]
    public long MultipartCopyThresholdBytes { get; set; } = 5L * 1024 * 1024 * 1024;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrEmpty(AccessKeyId) != string.IsNullOrEmpty(SecretAccessKey))
        {
            yield return new ValidationResult("Set both S3StorageOptions.AccessKeyId and SecretAccessKey, or neither.", [nameof(AccessKeyId), nameof(SecretAccessKey)]);
        }

        if (ServiceUrl is { } url && !(url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)))
        {
            yield return new ValidationResult("S3StorageOptions.ServiceUrl must be an absolute http(s) URL.", [nameof(ServiceUrl)]);
        }
    }
}
