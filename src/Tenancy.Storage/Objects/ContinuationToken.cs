using System.Buffers.Text;
using System.Text;
using Tenancy.Storage.Exceptions;
using Tenancy.Storage.Keys;

namespace Tenancy.Storage.Objects;

/// <summary>Listing tokens: base64url of <c>{tenant id}\n{last key}</c>, so that a token only continues the tenant's own listing.</summary>
internal static class ContinuationToken
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Create(string tenantId, string lastKey) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(tenantId + "\n" + lastKey));

    public static string Read(string tenantId, string token)
    {
        string text;
        try
        {
            text = StrictUtf8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidContinuationTokenException("The continuation token is malformed.", ex);
        }

        var newline = text.IndexOf('\n', StringComparison.Ordinal);
        if (newline <= 0 || newline == text.Length - 1 || !ObjectKey.IsValid(text.AsSpan(newline + 1)))
        {
            throw new InvalidContinuationTokenException("The continuation token is malformed.");
        }

        return text.AsSpan(0, newline).SequenceEqual(tenantId)
            ? text[(newline + 1)..]
            : throw new InvalidContinuationTokenException("The continuation token belongs to another tenant's listing.");
    }
}
