using System.Buffers;

namespace Tenancy.Storage;

/// <summary>
/// The object key rules. A key is one or more <c>/</c>-separated segments; it is validated, never normalised:
/// <c>.</c>/<c>..</c> segments, empty segments (<c>//</c>, leading or trailing <c>/</c>), backslashes, control characters,
/// unpaired surrogates, percent-encoded dots, slashes, backslashes, percent signs or control characters (so <c>%2e%2e</c>,
/// <c>%2f</c> and double encodings such as <c>%252e</c> are refused) and keys over the byte limit are rejected.
/// Every check is allocation-free.
/// </summary>
public static class ObjectKey
{
    /// <summary>S3's limit on a whole object key, in UTF-8 bytes.</summary>
    public const int MaxUtf8Bytes = 1024;

    // Printable ASCII without '%' and '\': a key made only of these needs no per-character checks.
    private static readonly SearchValues<char> Plain =
        SearchValues.Create(" !\"#$&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    /// <summary>Checks a key. Allocation-free.</summary>
    /// <param name="key">The candidate key.</param>
    /// <param name="maxUtf8Bytes">The longest key allowed, in UTF-8 bytes.</param>
    /// <param name="maxSegmentUtf8Bytes">The longest segment allowed, in UTF-8 bytes.</param>
    /// <returns><see cref="ObjectKeyError.None"/> when the key is valid, otherwise the first rule it breaks.</returns>
    public static ObjectKeyError Check(ReadOnlySpan<char> key, int maxUtf8Bytes = MaxUtf8Bytes, int maxSegmentUtf8Bytes = MaxUtf8Bytes) =>
        Check(key, maxUtf8Bytes, maxSegmentUtf8Bytes, isPrefix: false);

    /// <summary>
    /// Checks a listing prefix: the same rules as a key, except that it may be empty and may end with <c>/</c>.
    /// Allocation-free.
    /// </summary>
    /// <param name="prefix">The candidate prefix.</param>
    /// <param name="maxUtf8Bytes">The longest prefix allowed, in UTF-8 bytes.</param>
    /// <returns><see cref="ObjectKeyError.None"/> when the prefix is valid, otherwise the first rule it breaks.</returns>
    public static ObjectKeyError CheckPrefix(ReadOnlySpan<char> prefix, int maxUtf8Bytes = MaxUtf8Bytes) =>
        prefix.IsEmpty ? ObjectKeyError.None : Check(prefix, maxUtf8Bytes, maxUtf8Bytes, isPrefix: true);

    /// <summary>Returns whether <paramref name="key"/> is a valid key. Allocation-free.</summary>
    /// <param name="key">The candidate key.</param>
    /// <param name="maxUtf8Bytes">The longest key allowed, in UTF-8 bytes.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValid(ReadOnlySpan<char> key, int maxUtf8Bytes = MaxUtf8Bytes) => Check(key, maxUtf8Bytes) == ObjectKeyError.None;

    /// <summary>Throws <see cref="InvalidObjectKeyException"/> unless <paramref name="key"/> is valid.</summary>
    /// <param name="key">The candidate key.</param>
    /// <param name="maxUtf8Bytes">The longest key allowed, in UTF-8 bytes.</param>
    /// <param name="maxSegmentUtf8Bytes">The longest segment allowed, in UTF-8 bytes.</param>
    /// <returns>The same key.</returns>
    public static string Validate(string key, int maxUtf8Bytes = MaxUtf8Bytes, int maxSegmentUtf8Bytes = MaxUtf8Bytes)
    {
        ArgumentNullException.ThrowIfNull(key);
        var error = Check(key, maxUtf8Bytes, maxSegmentUtf8Bytes);
        return error == ObjectKeyError.None ? key : throw new InvalidObjectKeyException(key, error);
    }

    /// <summary>Describes a rule in words, for error messages and ProblemDetails.</summary>
    /// <param name="error">The rule.</param>
    /// <returns>The description.</returns>
    public static string Describe(ObjectKeyError error) => error switch
    {
        ObjectKeyError.None => "The key is valid.",
        ObjectKeyError.Empty => "An object key must not be empty.",
        ObjectKeyError.TooLong => "The object key is too long (S3 allows 1024 UTF-8 bytes including the tenant prefix).",
        ObjectKeyError.SegmentTooLong => "A segment of the object key is longer than the storage backend allows.",
        ObjectKeyError.LeadingSlash => "An object key must not start with '/'.",
        ObjectKeyError.TrailingSlash => "An object key must not end with '/'.",
        ObjectKeyError.EmptySegment => "An object key must not contain '//' (an empty segment).",
        ObjectKeyError.DotSegment => "An object key must not contain '.' or '..' segments.",
        ObjectKeyError.Backslash => "An object key must not contain '\\'.",
        ObjectKeyError.ControlCharacter => "An object key must not contain control characters.",
        ObjectKeyError.EncodedTraversal => "An object key must not contain percent-encoded dots, slashes, backslashes, percent signs or control characters.",
        ObjectKeyError.InvalidUnicode => "An object key must be valid Unicode (no unpaired surrogates).",
        _ => "The object key is invalid.",
    };

    private static ObjectKeyError Check(ReadOnlySpan<char> key, int maxUtf8Bytes, int maxSegmentUtf8Bytes, bool isPrefix)
    {
        if (key.IsEmpty)
        {
            return ObjectKeyError.Empty;
        }

        if (key[0] == '/')
        {
            return ObjectKeyError.LeadingSlash;
        }

        if (key.Length <= maxUtf8Bytes && !key.ContainsAnyExcept(Plain))
        {
            return CheckPlain(key, maxSegmentUtf8Bytes, isPrefix);
        }

        var totalBytes = 0;
        var segmentStart = 0;
        var segmentBytes = 0;
        for (var i = 0; i < key.Length; i++)
        {
            var c = key[i];
            int bytes;
            if (c < 0x80)
            {
                bytes = 1;
                if (c == '/')
                {
                    var error = CheckSegment(key[segmentStart..i]);
                    if (error != ObjectKeyError.None)
                    {
                        return error;
                    }

                    segmentStart = i + 1;
                    segmentBytes = 0;
                    totalBytes++;
                    continue;
                }

                if (c == '\\')
                {
                    return ObjectKeyError.Backslash;
                }

                if (c < 0x20 || c == 0x7F)
                {
                    return ObjectKeyError.ControlCharacter;
                }

                if (c == '%' && IsEncodedTraversal(key[(i + 1)..]))
                {
                    return ObjectKeyError.EncodedTraversal;
                }
            }
            else if (c < 0x800)
            {
                if (c <= 0x9F)
                {
                    return ObjectKeyError.ControlCharacter; // C1 controls
                }

                bytes = 2;
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= key.Length || !char.IsLowSurrogate(key[i + 1]))
                {
                    return ObjectKeyError.InvalidUnicode;
                }

                i++;
                bytes = 4;
            }
            else if (char.IsLowSurrogate(c))
            {
                return ObjectKeyError.InvalidUnicode;
            }
            else
            {
                bytes = 3;
            }

            totalBytes += bytes;
            segmentBytes += bytes;
            if (totalBytes > maxUtf8Bytes)
            {
                return ObjectKeyError.TooLong;
            }

            if (segmentBytes > maxSegmentUtf8Bytes)
            {
                return ObjectKeyError.SegmentTooLong;
            }
        }

        if (totalBytes > maxUtf8Bytes)
        {
            return ObjectKeyError.TooLong;
        }

        if (segmentStart == key.Length)
        {
            return isPrefix ? ObjectKeyError.None : ObjectKeyError.TrailingSlash;
        }

        return CheckSegment(key[segmentStart..]);
    }

    // Every character is one UTF-8 byte and needs no check of its own: only the segments do (vectorised IndexOf).
    private static ObjectKeyError CheckPlain(ReadOnlySpan<char> key, int maxSegmentUtf8Bytes, bool isPrefix)
    {
        while (true)
        {
            var slash = key.IndexOf('/');
            if (slash < 0)
            {
                return key.IsEmpty ? (isPrefix ? ObjectKeyError.None : ObjectKeyError.TrailingSlash)
                    : key.Length > maxSegmentUtf8Bytes ? ObjectKeyError.SegmentTooLong
                    : CheckSegment(key);
            }

            var error = slash > maxSegmentUtf8Bytes ? ObjectKeyError.SegmentTooLong : CheckSegment(key[..slash]);
            if (error != ObjectKeyError.None)
            {
                return error;
            }

            key = key[(slash + 1)..];
        }
    }

    private static ObjectKeyError CheckSegment(ReadOnlySpan<char> segment) => segment switch
    {
        [] => ObjectKeyError.EmptySegment,
        ['.'] or ['.', '.'] => ObjectKeyError.DotSegment,
        _ => ObjectKeyError.None,
    };

    // After a '%': "%XX" or "%uXXXX" that decodes to '.', '/', '\', '%' or a control character, or an overlong UTF-8
    // lead byte (%C0, %C1) that some decoders turn into '.' or '/'.
    private static bool IsEncodedTraversal(ReadOnlySpan<char> rest)
    {
        int value;
        if (rest.Length >= 5 && (rest[0] == 'u' || rest[0] == 'U') && TryHex(rest[1..5], out value))
        {
            return IsDangerous(value);
        }

        if (rest.Length >= 2 && TryHex(rest[..2], out value))
        {
            return IsDangerous(value) || value is 0xC0 or 0xC1;
        }

        return false;
    }

    private static bool IsDangerous(int value) => value is '.' or '/' or '\\' or '%' or < 0x20 or 0x7F;

    private static bool TryHex(ReadOnlySpan<char> digits, out int value)
    {
        value = 0;
        foreach (var d in digits)
        {
            if (!char.IsAsciiHexDigit(d))
            {
                return false;
            }

            value = (value << 4) | (d <= '9' ? d - '0' : (d | 0x20) - 'a' + 10);
        }

        return true;
    }
}
