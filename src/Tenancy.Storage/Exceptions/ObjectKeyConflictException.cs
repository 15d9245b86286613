namespace Tenancy.Storage.Exceptions;

/// <summary>
/// Thrown when a key clashes with an existing object or folder on the local disk (a key cannot be both an object and a
/// folder of other keys there: <c>a</c> and <c>a/b</c>). Raised before anything is written, so the store is left as it
/// was. The message and <see cref="Key"/> name only the caller's tenant-relative key. Answer 409 in an API.
/// </summary>
public sealed class ObjectKeyConflictException : ObjectStorageException
{
    /// <summary>Creates the exception with the default message.</summary>
    public ObjectKeyConflictException()
        : base("The key clashes with an existing object or folder.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ObjectKeyConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ObjectKeyConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The tenant-relative key that clashes.</summary>
    public string? Key { get; init; }

    internal static ObjectKeyConflictException ForKey(string key, Exception? innerException = null)
    {
        var message = $"The key '{key}' clashes with an existing object or folder: on disk a key cannot be both an object and a folder of other keys.";
        return innerException is null ? new(message) { Key = key } : new(message, innerException) { Key = key };
    }
}
