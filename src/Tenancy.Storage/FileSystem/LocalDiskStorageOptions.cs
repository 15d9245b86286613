namespace Tenancy.Storage.FileSystem;

/// <summary>Options of the local-disk backend, validated at start-up.</summary>
public sealed class LocalDiskStorageOptions
{
    /// <summary>The folder that holds the store (created when missing). Required.</summary>
    public string RootPath { get; set; } = "";

    /// <summary>
    /// The absolute base address of your endpoint that serves presigned requests (for example
    /// <c>https://app.example.com/files/presigned/</c>), or <see langword="null"/> to refuse presigned URLs. URLs look like
    /// <c>{base}{tenant id}/{key}?expires={unix seconds}&amp;signature={HMAC}</c>; the endpoint checks them with
    /// <see cref="LocalPresignedUrls.TryValidate"/>.
    /// </summary>
    public Uri? PresignedUrlBase { get; set; }

    /// <summary>
    /// The HMAC-SHA256 key that signs presigned URLs (at least 32 bytes). When <see langword="null"/>, a random key is made
    /// at start-up, so URLs stop working when the process restarts and are not shared between instances.
    /// </summary>
#pragma warning disable CA1819 // A key is bytes; the options object is configuration, copied on use.
    public byte[]? PresignedUrlKey { get; set; }
#pragma warning restore CA1819
}
