using Microsoft.Extensions.Options;

namespace Tenancy.Storage.FileSystem;

/// <summary>
/// Validates <see cref="LocalDiskStorageOptions"/> at start-up: the root path, the presigned base address and the key
/// ring (ids, base64 secrets of 32+ bytes, an active id that is in the ring). Hand-written: the secrets must be decoded
/// and the fields checked against each other, which DataAnnotations cannot express.
/// </summary>
public sealed class LocalDiskStorageOptionsValidator : IValidateOptions<LocalDiskStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LocalDiskStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.RootPath))
        {
            failures.Add("LocalDiskStorageOptions.RootPath is required.");
        }

        if (options.PresignedUrlBase is { } url && !(url.IsAbsoluteUri && url.AbsolutePath.EndsWith('/')))
        {
            failures.Add("LocalDiskStorageOptions.PresignedUrlBase must be an absolute URL ending with '/'.");
        }

        foreach (var (id, secret) in options.PresignedUrlKeys)
        {
            if (!LocalPresignedUrls.IsValidKeyId(id))
            {
                failures.Add($"LocalDiskStorageOptions.PresignedUrlKeys: the key id '{id}' must be 1 to 64 ASCII letters, digits, '-' or '_'.");
            }

            if (LocalPresignedUrls.DecodeSecret(secret) is null)
            {
                // Never echo the secret.
                failures.Add($"LocalDiskStorageOptions.PresignedUrlKeys: the key '{id}' must be base64 of at least 32 bytes.");
            }
        }

        if (options.PresignedUrlKeys.Count > 0 && (options.ActivePresignedUrlKeyId is null || !options.PresignedUrlKeys.ContainsKey(options.ActivePresignedUrlKeyId)))
        {
            failures.Add("LocalDiskStorageOptions.ActivePresignedUrlKeyId must name a key of PresignedUrlKeys.");
        }

        if (options.PresignedUrlKeys.Count == 0 && options.ActivePresignedUrlKeyId is not null)
        {
            failures.Add("LocalDiskStorageOptions.ActivePresignedUrlKeyId is set but PresignedUrlKeys is empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
