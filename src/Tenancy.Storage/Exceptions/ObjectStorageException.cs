namespace Tenancy.Storage;

/// <summary>
/// Thrown when the storage backend refuses an operation for a reason the caller can act on: a key that clashes with a
/// folder on disk, an unsatisfiable byte range, a malformed continuation token, a path that leaves the store (symlink).
/// </summary>
public sealed class ObjectStorageException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public ObjectStorageException()
        : base("The storage operation failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ObjectStorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ObjectStorageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
