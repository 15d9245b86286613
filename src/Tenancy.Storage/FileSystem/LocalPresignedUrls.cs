using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Tenancy.Storage.FileSystem;

/// <summary>
/// Presigned URLs for the local-disk backend: <c>{base}{tenant id}/{key}?expires=…&amp;signature=…</c>, signed with
/// HMAC-SHA256 over the method, tenant id, key and expiry. Your endpoint at <see cref="LocalDiskStorageOptions.PresignedUrlBase"/>
/// calls <see cref="TryValidate"/>, then serves the object in that tenant's scope.
/// </summary>
public sealed class LocalPresignedUrls
{
    /// <summary>The query parameter with the expiry (Unix seconds).</summary>
    public const string ExpiresParameter = "expires";

    /// <summary>The query parameter with the signature.</summary>
    public const string SignatureParameter = "signature";

    private readonly Uri? _base;
    private readonly byte[] _key;
    private readonly TimeProvider _time;

    /// <summary>Creates the signer.</summary>
    /// <param name="options">The local-disk options.</param>
    /// <param name="time">The clock.</param>
    public LocalPresignedUrls(IOptions<LocalDiskStorageOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _base = options.Value.PresignedUrlBase;
        _key = options.Value.PresignedUrlKey is { } key ? (byte[])key.Clone() : RandomNumberGenerator.GetBytes(32);
        _time = time;
    }

    /// <summary>Whether presigned URLs are configured.</summary>
    public bool IsEnabled => _base is not null;

    /// <summary>
    /// Checks a presigned request. Returns <see langword="false"/> for a bad signature, an expired URL, a key that breaks
    /// the key rules or a malformed tenant id.
    /// </summary>
    /// <param name="method">The request's method (GET downloads, PUT uploads).</param>
    /// <param name="tenantId">The tenant id from the URL path.</param>
    /// <param name="key">The tenant-relative key from the URL path (unescaped).</param>
    /// <param name="expires">The <see cref="ExpiresParameter"/> query value.</param>
    /// <param name="signature">The <see cref="SignatureParameter"/> query value.</param>
    /// <returns>Whether the request may proceed for that tenant and key.</returns>
    public bool TryValidate(PresignedUrlMethod method, string? tenantId, string? key, string? expires, string? signature)
    {
        if (_base is null || tenantId is null || key is null || expires is null || signature is null
            || !TenantId.IsValid(tenantId) || !ObjectKey.IsValid(key)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || unix < _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Sign(method, tenantId, key, unix, expected);
        Span<byte> actual = stackalloc byte[32];
        return System.Buffers.Text.Base64Url.TryDecodeFromChars(signature, actual, out var written)
            && written == 32
            && CryptographicOperations.FixedTimeEquals(expected, actual);
    }

    internal Uri Create(string tenantId, string key, PresignedUrlMethod method, TimeSpan expiresIn)
    {
        if (_base is null)
        {
            throw new ObjectStorageException("Presigned URLs on the local disk need LocalDiskStorageOptions.PresignedUrlBase: the address of an endpoint that serves them.");
        }

        var unix = _time.GetUtcNow().Add(expiresIn).ToUnixTimeSeconds();
        Span<byte> mac = stackalloc byte[32];
        Sign(method, tenantId, key, unix, mac);
        var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        var query = string.Create(CultureInfo.InvariantCulture, $"?{ExpiresParameter}={unix}&{SignatureParameter}={System.Buffers.Text.Base64Url.EncodeToString(mac)}");
        return new Uri(_base, tenantId + "/" + path + query);
    }

    private void Sign(PresignedUrlMethod method, string tenantId, string key, long unix, Span<byte> destination)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{(method == PresignedUrlMethod.Put ? "PUT" : "GET")}\n{tenantId}\n{key}\n{unix}");
        HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text), destination);
    }
}
