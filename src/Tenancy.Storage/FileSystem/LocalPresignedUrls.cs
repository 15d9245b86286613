using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Tenancy.Storage.Exceptions;
using Tenancy.Storage.Keys;
using Tenancy.Storage.Objects;

namespace Tenancy.Storage.FileSystem;

/// <summary>
/// Presigned URLs for the local-disk backend: <c>{base}{tenant id}/{key}?keyId=…&amp;expires=…&amp;signature=…</c>, signed
/// with HMAC-SHA256 over the method, key id, tenant id, key and expiry, with a key of the configured key ring
/// (<see cref="LocalDiskStorageOptions.PresignedUrlKeys"/>). Your endpoint at <see cref="LocalDiskStorageOptions.PresignedUrlBase"/>
/// calls <see cref="TryValidate"/>, then serves the object in that tenant's scope. A GET URL also allows HEAD.
/// </summary>
public sealed class LocalPresignedUrls
{
    /// <summary>The query parameter with the id of the signing key.</summary>
    public const string KeyIdParameter = "keyId";

    /// <summary>The query parameter with the expiry (Unix seconds).</summary>
    public const string ExpiresParameter = "expires";

    /// <summary>The query parameter with the signature.</summary>
    public const string SignatureParameter = "signature";

    /// <summary>The id of the random per-process key used when no key ring is configured (development only).</summary>
    public const string ProcessKeyId = "process";

    private readonly Uri? _base;
    private readonly FrozenDictionary<string, byte[]> _keys;
    private readonly string _activeKeyId;
    private readonly TimeProvider _time;

    /// <summary>Creates the signer.</summary>
    /// <param name="options">The local-disk options (validated: see <see cref="LocalDiskStorageOptionsValidator"/>).</param>
    /// <param name="time">The clock.</param>
    public LocalPresignedUrls(IOptions<LocalDiskStorageOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var value = options.Value;
        _base = value.PresignedUrlBase;
        if (value.PresignedUrlKeys.Count == 0)
        {
            _keys = new Dictionary<string, byte[]>(StringComparer.Ordinal) { [ProcessKeyId] = RandomNumberGenerator.GetBytes(32) }.ToFrozenDictionary(StringComparer.Ordinal);
            _activeKeyId = ProcessKeyId;
        }
        else
        {
            _keys = value.PresignedUrlKeys.ToFrozenDictionary(
                pair => IsValidKeyId(pair.Key) ? pair.Key : throw new OptionsValidationException(nameof(LocalDiskStorageOptions), typeof(LocalDiskStorageOptions), [$"LocalDiskStorageOptions.PresignedUrlKeys: invalid key id '{pair.Key}'."]),
                pair => DecodeSecret(pair.Value) ?? throw new OptionsValidationException(nameof(LocalDiskStorageOptions), typeof(LocalDiskStorageOptions), [$"LocalDiskStorageOptions.PresignedUrlKeys: the key '{pair.Key}' must be base64 of at least 32 bytes."]),
                StringComparer.Ordinal);
            _activeKeyId = value.ActivePresignedUrlKeyId is { } active && _keys.ContainsKey(active)
                ? active
                : throw new OptionsValidationException(nameof(LocalDiskStorageOptions), typeof(LocalDiskStorageOptions), ["LocalDiskStorageOptions.ActivePresignedUrlKeyId must name a key of PresignedUrlKeys."]);
        }

        _time = time;
    }

    /// <summary>Whether presigned URLs are configured.</summary>
    public bool IsEnabled => _base is not null;

    /// <summary>The id of the key that signs new URLs.</summary>
    public string ActiveKeyId => _activeKeyId;

    /// <summary>
    /// Checks a presigned request. Returns <see langword="false"/> for an unknown key id, a bad signature, an expired URL,
    /// a key that breaks the key rules or a malformed tenant id. Pass <see cref="PresignedUrlMethod.Get"/> for HEAD requests.
    /// </summary>
    /// <param name="method">The request's method (GET or HEAD downloads, PUT uploads).</param>
    /// <param name="tenantId">The tenant id from the URL path.</param>
    /// <param name="key">The tenant-relative key from the URL path (unescaped).</param>
    /// <param name="keyId">The <see cref="KeyIdParameter"/> query value.</param>
    /// <param name="expires">The <see cref="ExpiresParameter"/> query value.</param>
    /// <param name="signature">The <see cref="SignatureParameter"/> query value.</param>
    /// <returns>Whether the request may proceed for that tenant and key.</returns>
    public bool TryValidate(PresignedUrlMethod method, string? tenantId, string? key, string? keyId, string? expires, string? signature)
    {
        if (_base is null || tenantId is null || key is null || keyId is null || expires is null || signature is null
            || !_keys.TryGetValue(keyId, out var secret)
            || !TenantId.IsValid(tenantId) || !ObjectKey.IsValid(key)
            || !long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var unix)
            || unix < _time.GetUtcNow().ToUnixTimeSeconds())
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Sign(secret, method, keyId, tenantId, key, unix, expected);
        Span<byte> actual = stackalloc byte[32];
        // DecodeFromChars reports malformed input as a status; TryDecodeFromChars would throw FormatException on it.
        return System.Buffers.Text.Base64Url.DecodeFromChars(signature, actual, out _, out var written) == System.Buffers.OperationStatus.Done
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
        Sign(_keys[_activeKeyId], method, _activeKeyId, tenantId, key, unix, mac);
        var path = string.Join('/', key.Split('/').Select(Uri.EscapeDataString));
        var query = string.Create(CultureInfo.InvariantCulture, $"?{KeyIdParameter}={_activeKeyId}&{ExpiresParameter}={unix}&{SignatureParameter}={System.Buffers.Text.Base64Url.EncodeToString(mac)}");
        return new Uri(_base, tenantId + "/" + path + query);
    }

    /// <summary>Whether <paramref name="keyId"/> can name a key: 1 to 64 ASCII letters, digits, <c>-</c> or <c>_</c>.</summary>
    internal static bool IsValidKeyId(string? keyId) => keyId is not null && TenantId.IsValid(keyId);

    /// <summary>Decodes a base64 secret; <see langword="null"/> when it is not base64 or shorter than 32 bytes.</summary>
    internal static byte[]? DecodeSecret(string? secret)
    {
        if (string.IsNullOrWhiteSpace(secret))
        {
            return null;
        }

        var buffer = new byte[secret.Length];
        return Convert.TryFromBase64String(secret, buffer, out var written) && written >= 32 ? buffer[..written] : null;
    }

    private static void Sign(byte[] secret, PresignedUrlMethod method, string keyId, string tenantId, string key, long unix, Span<byte> destination)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{(method == PresignedUrlMethod.Put ? "PUT" : "GET")}\n{keyId}\n{tenantId}\n{key}\n{unix}");
        HMACSHA256.HashData(secret, Encoding.UTF8.GetBytes(text), destination);
    }
}
