using Tenancy.Storage.Keys;

namespace Tenancy.Storage.Exceptions;

/// <summary>
/// Thrown when an object key (or a listing prefix) breaks the key rules: traversal segments, empty segments, backslashes,
/// control characters, encoded separators or an over-long key. Keys are validated, never normalised, so nothing is stored.
/// </summary>
public sealed class InvalidObjectKeyException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public InvalidObjectKeyException()
        : base("The object key is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public InvalidObjectKeyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidObjectKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a rejected key.</summary>
    /// <param name="key">The rejected key.</param>
    /// <param name="error">Which rule it broke.</param>
    public InvalidObjectKeyException(string? key, ObjectKeyError error)
        : base(ObjectKey.Describe(error))
    {
        Key = key;
        Error = error;
    }

    /// <summary>The rejected key (may contain control characters: do not echo it unescaped).</summary>
    public string? Key { get; }

    /// <summary>Which rule the key broke.</summary>
    public ObjectKeyError Error { get; }
}
