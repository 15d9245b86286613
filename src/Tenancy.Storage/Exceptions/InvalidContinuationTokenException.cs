namespace Tenancy.Storage.Exceptions;

/// <summary>
/// Thrown when a listing's continuation token is malformed or belongs to another tenant's listing. The caller sent a
/// bad token: answer 400 in an API.
/// </summary>
public sealed class InvalidContinuationTokenException : ObjectStorageException
{
    /// <summary>Creates the exception with the default message.</summary>
    public InvalidContinuationTokenException()
        : base("The continuation token is malformed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public InvalidContinuationTokenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidContinuationTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
