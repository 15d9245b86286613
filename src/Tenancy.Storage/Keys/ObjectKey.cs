using System.Buffers;
using System.Globalization;
using Tenancy.Storage.Exceptions;

namespace Tenancy.Storage.Keys;

/// <summary>
/// The object key rules. A key is one or more <c>/</c>-separated segments; it is validated, never normalised:
/// <c>.</c>/<c>..</c> segments, empty segments (<c>//</c>, leading or trailing <c>/</c>), backslashes, control characters,
/// unpaired surrogates, percent-encoded dots, slashes, backslashes, percent signs or control characters (so <c>%2e%2e</c>,
/// <c>%2f</c> and double encodings such as <c>%252e</c> are refused), invisible and bidirectional formatting characters
/// (Unicode category Cf, line/paragraph separators), look-alikes of <c>/</c>, <c>.</c> and <c>\</c> (fullwidth forms and
/// every character whose NFKC form contains one of them, plus slash and dot symbols such as U+2215 and U+3002),
/// percent-encoded bytes that are not valid UTF-8 (<c>%ED%A0%80</c>, overlong or truncated sequences), and keys over the
/// byte limit are rejected. Every check is allocation-free.
/// </summary>
public static class ObjectKey
{
    /// <summary>S3's limit on a whole object key, in UTF-8 bytes.</summary>
    public const int MaxUtf8Bytes = 1024;

    // Printable ASCII without '%' and '\': a key made only of these needs no per-character checks.
    private static readonly SearchValues<char> Plain =
        SearchValues.Create(" !\"#$&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~");

    // Invisible characters: every BMP character of category Cf (bidi controls, zero-width characters, BOM…), the line and
    // paragraph separators, and fillers that render as nothing (Hangul fillers, braille blank, combining grapheme joiner).
    private static readonly SearchValues<char> Invisible = SearchValues.Create(BuildInvisible());

    // Characters whose NFKC form contains '/', '.' or '\' (computed over all of Unicode; a test recomputes the list),
    // plus slash, backslash and full-stop symbols that look the same but have no compatibility mapping.
    private const string NfkcLookAlikes =
        "\u2024\u2025\u2026\u2100\u2101\u2105\u2106\u2488\u2489\u248A\u248B\u248C\u248D\u248E\u248F\u2490\u2491\u2492\u2493"
        + "\u2494\u2495\u2496\u2497\u2498\u2499\u249A\u249B\u33C2\u33C7\u33D8\uFE19\uFE30\uFE52\uFE68\uFF0E\uFF0F\uFF3C";

    private const string SymbolLookAlikes =
        "\u2215\u2044\u29F8\u29F9\u2216\u29F5\u2571\u2572\u27CB\u27CD\u2041\u3002\uFF61\u0337\u0338\u20E5";

    private static readonly SearchValues<char> LookAlikes = SearchValues.Create(NfkcLookAlikes + SymbolLookAlikes);

    /// <summary>The only character outside the Basic Multilingual Plane whose NFKC form contains '/', '.' or '\' (U+1F100, "0.").</summary>
    private const int SupplementaryLookAlike = 0x1F100;

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
        ObjectKeyError.InvisibleCharacter => "An object key must not contain invisible or bidirectional formatting characters (such as U+202E or U+200B).",
        ObjectKeyError.LookAlikeCharacter => "An object key must not contain look-alikes of '/', '.' or '\\' (such as fullwidth U+FF0F or U+2215).",
        ObjectKeyError.InvalidPercentEncoding => "An object key must not contain percent-encoded bytes that are not valid UTF-8 or that decode to a refused character.",
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

                if (c == '%')
                {
                    var rule = CheckPercent(key[(i + 1)..], out var consumed);
                    if (rule != ObjectKeyError.None)
                    {
                        return rule;
                    }

                    // The rest of a valid encoded UTF-8 sequence ("%A0%80"): ASCII, one byte per character.
                    i += consumed;
                    totalBytes += consumed;
                    segmentBytes += consumed;
                }
            }
            else if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= key.Length || !char.IsLowSurrogate(key[i + 1]))
                {
                    return ObjectKeyError.InvalidUnicode;
                }

                var rule = CheckCodePoint(char.ConvertToUtf32(c, key[i + 1]));
                if (rule != ObjectKeyError.None)
                {
                    return rule;
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
                var rule = CheckCodePoint(c);
                if (rule != ObjectKeyError.None)
                {
                    return rule;
                }

                bytes = c < 0x800 ? 2 : 3;
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

    // A character outside ASCII: C1 controls, invisible/formatting characters and look-alikes of '/', '.' and '\'.
    private static ObjectKeyError CheckCodePoint(int codePoint)
    {
        if (codePoint <= 0x9F)
        {
            return codePoint < 0x80 ? ObjectKeyError.None : ObjectKeyError.ControlCharacter; // C1 controls
        }

        if (codePoint <= 0xFFFF)
        {
            var c = (char)codePoint;
            return char.IsSurrogate(c) ? ObjectKeyError.InvalidUnicode
                : Invisible.Contains(c) ? ObjectKeyError.InvisibleCharacter
                : LookAlikes.Contains(c) ? ObjectKeyError.LookAlikeCharacter
                : ObjectKeyError.None;
        }

        return codePoint > 0x10FFFF ? ObjectKeyError.InvalidUnicode
            : codePoint == SupplementaryLookAlike ? ObjectKeyError.LookAlikeCharacter
            : CharUnicodeInfo.GetUnicodeCategory(codePoint) == UnicodeCategory.Format ? ObjectKeyError.InvisibleCharacter
            : ObjectKeyError.None;
    }

    // After a '%': "%XX" or "%uXXXX" that decodes to '.', '/', '\', '%' or a control character, or an overlong UTF-8
    // lead byte (%C0, %C1) that some decoders turn into '.' or '/', is encoded traversal. A byte of 0x80 or more must
    // start a valid UTF-8 sequence of "%XX" bytes (no lone continuation byte, no overlong form, no surrogate, nothing
    // above U+10FFFF, not truncated) that decodes to an acceptable character; `consumed` is then the length of the
    // continuation bytes after the first "%XX" (3 characters each) plus the first byte's two hex digits.
    private static ObjectKeyError CheckPercent(ReadOnlySpan<char> rest, out int consumed)
    {
        consumed = 0;
        int value;
        if (rest.Length >= 5 && (rest[0] == 'u' || rest[0] == 'U') && TryHex(rest[1..5], out value))
        {
            return IsDangerous(value) ? ObjectKeyError.EncodedTraversal
                : CheckCodePoint(value) != ObjectKeyError.None ? ObjectKeyError.InvalidPercentEncoding
                : ObjectKeyError.None;
        }

        if (rest.Length < 2 || !TryHex(rest[..2], out value))
        {
            return ObjectKeyError.None; // a literal '%'
        }

        if (IsDangerous(value) || value is 0xC0 or 0xC1)
        {
            return ObjectKeyError.EncodedTraversal;
        }

        if (value < 0x80)
        {
            return ObjectKeyError.None;
        }

        int continuation;
        int codePoint;
        (int Low, int High) first = (0x80, 0xBF);
        switch (value)
        {
            case >= 0xC2 and <= 0xDF:
                continuation = 1;
                codePoint = value & 0x1F;
                break;
            case >= 0xE0 and <= 0xEF:
                continuation = 2;
                codePoint = value & 0x0F;
                first = value == 0xE0 ? (0xA0, 0xBF) : value == 0xED ? (0x80, 0x9F) : first; // overlong; surrogates
                break;
            case >= 0xF0 and <= 0xF4:
                continuation = 3;
                codePoint = value & 0x07;
                first = value == 0xF0 ? (0x90, 0xBF) : value == 0xF4 ? (0x80, 0x8F) : first; // overlong; > U+10FFFF
                break;
            default:
                return ObjectKeyError.InvalidPercentEncoding; // a lone continuation byte or F5..FF
        }

        var at = 2;
        for (var k = 0; k < continuation; k++, at += 3)
        {
            var (low, high) = k == 0 ? first : (0x80, 0xBF);
            if (rest.Length < at + 3 || rest[at] != '%' || !TryHex(rest.Slice(at + 1, 2), out var next) || next < low || next > high)
            {
                return ObjectKeyError.InvalidPercentEncoding; // truncated or malformed
            }

            codePoint = (codePoint << 6) | (next & 0x3F);
        }

        consumed = at;
        return CheckCodePoint(codePoint) == ObjectKeyError.None ? ObjectKeyError.None : ObjectKeyError.InvalidPercentEncoding;
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

    private static string BuildInvisible()
    {
        var invisible = new System.Text.StringBuilder();
        for (var c = 0xA0; c <= 0xFFFF; c++)
        {
            if (!char.IsSurrogate((char)c)
                && CharUnicodeInfo.GetUnicodeCategory((char)c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                invisible.Append((char)c);
            }
        }

        // Hangul fillers, the braille blank and the combining grapheme joiner render as nothing.
        return invisible.Append("\u115F\u1160\u3164\uFFA0\u2800\u034F").ToString();
    }
}
