namespace Tenancy.Storage.FileSystem;

/// <summary>Options of the local-disk backend, validated at start-up (<see cref="LocalDiskStorageOptionsValidator"/>).</summary>
public sealed class LocalDiskStorageOptions
{
    /// <summary>The folder that holds the store (created when missing). Required.</summary>
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
}
