using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Tenancy.Scim.Credentials;

/// <summary>
/// The token format <c>scim_{id}_{secret}</c>: a 16-hex-digit public id (to find the row) and 32 random bytes
/// (256 bits) base64url-encoded. Only SHA-256 of the secret is stored: for a 256-bit random secret a fast hash is
/// enough (no dictionary or brute force applies, unlike passwords), and it keeps authentication cheap on every request.
/// </summary>
internal static class ScimTokenFormat
{
    public const string Prefix = "scim_";
    public const int MaxLength = 128;

    public static (string Id, string Token, byte[] Hash) Create()
    {
        var id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        return (id, $"{Prefix}{id}_{secret}", Hash(secret));
    }

    public static bool TryParse(string token, out string id, out string secret)
    {
        id = secret = "";
        if (token.Length is < 30 or > MaxLength || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = token.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator != 16)
        {
            return false;
        }

        foreach (var c in rest[..16])
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        id = rest[..16].ToString();
        secret = rest[17..].ToString();
        return secret.Length > 0;
    }

    public static byte[] Hash(string secret) => SHA256.HashData(Encoding.UTF8.GetBytes(secret));
}
