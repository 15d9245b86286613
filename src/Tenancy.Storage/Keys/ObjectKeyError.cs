namespace Tenancy.Storage;

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
}
