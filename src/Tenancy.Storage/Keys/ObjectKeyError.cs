namespace Tenancy.Storage.Keys;

/// <summary>Why an object key or listing prefix was rejected.</summary>
public enum ObjectKeyError
{
    /// <summary>The key is valid.</summary>
    None = 0,

    /// <summary>The key is empty.</summary>
    Empty,

    /// <summary>The key is longer than the backend allows once the tenant prefix is added (UTF-8 bytes).</summary>
    TooLong,

    /// <summary>One segment is longer than the backend allows (a file name on disk).</summary>
    SegmentTooLong,

    /// <summary>The key starts with <c>/</c> (an absolute path).</summary>
    LeadingSlash,

    /// <summary>The key ends with <c>/</c> (a folder, not an object).</summary>
    TrailingSlash,

    /// <summary>The key contains <c>//</c> (an empty segment).</summary>
    EmptySegment,

    /// <summary>The key has a <c>.</c> or <c>..</c> segment.</summary>
    DotSegment,

    /// <summary>The key contains a backslash.</summary>
    Backslash,

    /// <summary>The key contains a control character.</summary>
    ControlCharacter,

    /// <summary>The key contains a percent-encoded dot, slash, backslash, percent sign or control character (encoded traversal).</summary>
    EncodedTraversal,

    /// <summary>The key contains an unpaired surrogate (it has no UTF-8 form).</summary>
    InvalidUnicode,

    /// <summary>
    /// The key contains an invisible or formatting character (Unicode category Cf, such as the bidirectional overrides
    /// U+202A–U+202E and isolates U+2066–U+2069, U+200E/U+200F, U+061C, zero-width characters, U+FEFF), a line or
    /// paragraph separator, or an invisible filler: they make a key display as a different key.
    /// </summary>
    InvisibleCharacter,

    /// <summary>
    /// The key contains a look-alike of <c>/</c>, <c>.</c> or <c>\</c>: a character whose NFKC form contains one of them
    /// (fullwidth U+FF0F, U+FF0E, U+FF3C, U+2024 one dot leader…) or a slash/dot symbol that reads as one (U+2215,
    /// U+2044, U+29F8, U+2216, U+3002…). Such keys display as paths they are not, and some systems fold them into the real character.
    /// </summary>
    LookAlikeCharacter,

    /// <summary>
    /// The key contains a percent-encoded byte sequence that is not valid UTF-8 (a lone continuation byte, an overlong or
    /// truncated sequence, an encoded surrogate such as <c>%ED%A0%80</c>, a code point above U+10FFFF), or one that decodes to
    /// a character the key rules refuse.
    /// </summary>
    InvalidPercentEncoding,
}
