namespace Tenancy.Storage.Exceptions;

/// <summary>
/// Thrown when the storage backend refuses an operation for a reason the caller can act on: a key that clashes with a
/// folder on disk (<see cref="ObjectKeyConflictException"/>), an unsatisfiable byte range, a malformed or foreign continuation
/// token (<see cref="InvalidContinuationTokenException"/>), a path that leaves the store (symlink). Messages name only
/// the caller's tenant-relative key, never the physical key.
/// </summary>
public class ObjectStorageException : TenancyException
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
