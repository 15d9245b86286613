using System.Buffers.Text;
using System.Security.Cryptography;

namespace Tenancy.ApiKeys;

/// <summary>
/// The token format of tenant API keys: <c>tnc_&lt;environment&gt;_&lt;id&gt;_&lt;secret&gt;</c>, for example
/// <c>tnc_live_k7f2m4q9x3w5b6na_3q2-…</c>. The id is <see cref="KeyIdLength"/> lowercase base32 characters (80 random bits)
/// and finds the record; the secret is <see cref="SecretBytes"/> random bytes (256 bits) in unpadded base64url. The
/// recognisable prefix lets secret scanners find leaked keys. Only <see cref="HashSecret"/> of the secret is stored:
/// a secret of 256 uniformly random bits cannot be guessed or looked up in a dictionary, so a plain SHA-256 is as
/// safe as a slow password hash here, and it costs a few hundred nanoseconds instead of tens of milliseconds per request.
/// </summary>
public static class TenantApiKeyFormat
{
    /// <summary>The fixed start of every token.</summary>
    public const string Prefix = "tnc_";

    /// <summary>The length of the key id.</summary>
    public const int KeyIdLength = 16;

    /// <summary>The number of random bytes in the secret.</summary>
    public const int SecretBytes = 32;

    /// <summary>The length of the encoded secret.</summary>
    public const int SecretLength = 43;

    /// <summary>The length of a secret's hash.</summary>
    public const int HashBytes = 32;

    private const string Base32Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>Returns whether <paramref name="keyId"/> looks like a key id (length and alphabet).</summary>
    /// <param name="keyId">The candidate.</param>
    /// <returns><see langword="true"/> when well formed.</returns>
    public static bool IsKeyId(ReadOnlySpan<char> keyId)
    {
        if (keyId.Length != KeyIdLength)
        {
            return false;
        }

        foreach (var c in keyId)
        {
            if (!(char.IsAsciiLetterLower(c) || (c >= '2' && c <= '7')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Creates a new random key id.</summary>
    /// <returns>The id.</returns>
    public static string NewKeyId()
    {
        Span<byte> random = stackalloc byte[KeyIdLength];
        RandomNumberGenerator.Fill(random);
        return string.Create(KeyIdLength, random.ToArray(), static (chars, bytes) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = Base32Alphabet[bytes[i] & 31];
            }
        });
    }

    /// <summary>Creates a new token for <paramref name="keyId"/> and writes the hash of its secret.</summary>
    /// <param name="environment">The environment label (<c>live</c>, <c>test</c> …).</param>
    /// <param name="keyId">The key id.</param>
    /// <param name="secretHash">Receives the <see cref="HashBytes"/>-byte hash to store.</param>
    /// <returns>The token to hand to the caller once.</returns>
    public static string CreateToken(string environment, string keyId, Span<byte> secretHash)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        ArgumentNullException.ThrowIfNull(keyId);
        if (!IsKeyId(keyId))
        {
            throw new ArgumentException("Not a key id.", nameof(keyId));
        }

        Span<byte> secret = stackalloc byte[SecretBytes];
        RandomNumberGenerator.Fill(secret);
        HashSecret(secret, secretHash);
        var token = string.Concat(Prefix, environment, "_", keyId, "_", Base64Url.EncodeToString(secret));
        CryptographicOperations.ZeroMemory(secret);
        return token;
    }

    /// <summary>Hashes a secret (SHA-256).</summary>
    /// <param name="secret">The secret bytes.</param>
    /// <param name="hash">Receives the <see cref="HashBytes"/>-byte hash.</param>
    public static void HashSecret(ReadOnlySpan<byte> secret, Span<byte> hash) => SHA256.HashData(secret, hash);

    /// <summary>
    /// Splits a token into its key id and decoded secret without allocating. Fails for any other shape, including
    /// another environment's tokens.
    /// </summary>
    /// <param name="token">The presented token.</param>
    /// <param name="environment">The environment label this application accepts.</param>
    /// <param name="keyId">The key id part.</param>
    /// <param name="secret">Receives the <see cref="SecretBytes"/> secret bytes.</param>
    /// <returns><see langword="true"/> when the token is well formed.</returns>
    public static bool TryParse(ReadOnlySpan<char> token, ReadOnlySpan<char> environment, out ReadOnlySpan<char> keyId, Span<byte> secret)
    {
        keyId = default;
        var expected = Prefix.Length + environment.Length + 1 + KeyIdLength + 1 + SecretLength;
        if (token.Length != expected || secret.Length < SecretBytes
            || !token.StartsWith(Prefix, StringComparison.Ordinal)
            || !token[Prefix.Length..].StartsWith(environment, StringComparison.Ordinal)
            || token[Prefix.Length + environment.Length] != '_'
            || token[expected - SecretLength - 1] != '_')
        {
            return false;
        }

        var id = token.Slice(Prefix.Length + environment.Length + 1, KeyIdLength);
        if (!IsKeyId(id))
        {
            return false;
        }

        if (Base64Url.DecodeFromChars(token[^SecretLength..], secret, out var consumed, out var written) != System.Buffers.OperationStatus.Done
            || consumed != SecretLength || written != SecretBytes)
        {
            return false;
        }

        keyId = id;
        return true;
    }
}
