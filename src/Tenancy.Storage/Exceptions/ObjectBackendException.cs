namespace Tenancy.Storage.Exceptions;

/// <summary>
/// Thrown when the storage backend itself failed (the S3 service answered an error or could not be reached, the disk
/// refused a write …) rather than refusing the caller's request: <see cref="Exception.InnerException"/> holds what the
/// backend threw (an <c>AmazonS3Exception</c>, an <see cref="IOException"/> …), and retrying later may succeed. An
/// HTTP surface answers it with 503. The message names only the caller's tenant-relative key, never the physical key.
/// </summary>
public sealed class ObjectBackendException : ObjectStorageException
{
    /// <summary>Creates the exception with the default message.</summary>
    public ObjectBackendException()
        : base("The storage backend failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ObjectBackendException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and what the backend threw.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">What the backend threw.</param>
    public ObjectBackendException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
