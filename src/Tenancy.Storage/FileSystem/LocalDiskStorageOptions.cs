using System.ComponentModel.DataAnnotations;

namespace Tenancy.Storage.FileSystem;

/// <summary>
/// Options of the local-disk backend, validated at start-up: the root path is required, the presigned base address is
/// absolute and ends with '/', and the key ring has valid ids, base64 secrets of 32+ bytes and an active id in the ring.
/// </summary>
public sealed class LocalDiskStorageOptions : IValidatableObject
{
    /// <summary>The folder that holds the store (created when missing). Required.</summary>
    [Required(AllowEmptyStrings = false)]
    public string RootPath { get; set; } = "";

    /// <summary>
    /// The absolute base address of your endpoint that serves presigned requests (for example
    /// <c>https://app.example.com/files/presigned/</c>), or <see langword="null"/> to refuse presigned URLs. URLs look like
    /// <c>{base}{tenant id}/{key}?keyId={key id}&amp;expires={unix seconds}&amp;signature={HMAC}</c>; the endpoint checks
    /// them with <see cref="LocalPresignedUrls.TryValidate"/>.
    /// </summary>
    public Uri? PresignedUrlBase { get; set; }

    /// <summary>
    /// The key ring that signs presigned URLs: key id → base64 HMAC-SHA256 secret (at least 32 bytes). Ids are 1 to 64
    /// ASCII letters, digits, <c>-</c> or <c>_</c>. New URLs are signed with <see cref="ActivePresignedUrlKeyId"/>; a URL
    /// signed with any other key of the ring still verifies until that key is removed. To rotate: add the new key, make
    /// it active, and remove the old one once the longest-lived URLs it signed have expired.
    /// When empty, a random key (id <c>process</c>) is made at start-up — for development only: URLs then stop working
    /// when the process restarts and are not shared between instances.
    /// </summary>
    public IDictionary<string, string> PresignedUrlKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The id of the key in <see cref="PresignedUrlKeys"/> that signs new URLs. Required when the ring is not empty.</summary>
    public string? ActivePresignedUrlKeyId { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(RootPath))
        {
            yield return new ValidationResult("LocalDiskStorageOptions.RootPath is required.", [nameof(RootPath)]);
        }

        if (PresignedUrlBase is { } url && !(url.IsAbsoluteUri && url.AbsolutePath.EndsWith('/')))
        {
            yield return new ValidationResult("LocalDiskStorageOptions.PresignedUrlBase must be an absolute URL ending with '/'.", [nameof(PresignedUrlBase)]);
        }

        foreach (var (id, secret) in PresignedUrlKeys)
        {
            if (!LocalPresignedUrls.IsValidKeyId(id))
            {
                yield return new ValidationResult($"LocalDiskStorageOptions.PresignedUrlKeys: the key id '{id}' must be 1 to 64 ASCII letters, digits, '-' or '_'.", [nameof(PresignedUrlKeys)]);
            }

            if (LocalPresignedUrls.DecodeSecret(secret) is null)
            {
                // Never echo the secret.
                yield return new ValidationResult($"LocalDiskStorageOptions.PresignedUrlKeys: the key '{id}' must be base64 of at least 32 bytes.", [nameof(PresignedUrlKeys)]);
            }
        }

        if (PresignedUrlKeys.Count > 0 && (ActivePresignedUrlKeyId is null || !PresignedUrlKeys.ContainsKey(ActivePresignedUrlKeyId)))
        {
            yield return new ValidationResult("LocalDiskStorageOptions.ActivePresignedUrlKeyId must name a key of PresignedUrlKeys.", [nameof(ActivePresignedUrlKeyId)]);
        }

        if (PresignedUrlKeys.Count == 0 && ActivePresignedUrlKeyId is not null)
        {
            yield return new ValidationResult("LocalDiskStorageOptions.ActivePresignedUrlKeyId is set but PresignedUrlKeys is empty.", [nameof(ActivePresignedUrlKeyId)]);
        }
    }
}
