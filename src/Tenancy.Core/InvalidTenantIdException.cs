namespace Tenancy;

/// <summary>
/// Thrown when a tenant id (the stable key of <see cref="TenantInfo.Id"/>, see <see cref="TenantId"/>) is malformed.
/// A bad identifier or domain (the names a request uses to pick a tenant) throws <see cref="InvalidTenantIdentifierException"/>.
/// </summary>
public sealed class InvalidTenantIdException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public InvalidTenantIdException()
        : base("The tenant id is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public InvalidTenantIdException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidTenantIdException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a rejected id.</summary>
    /// <param name="value">The rejected id.</param>
    /// <param name="reason">Why it was rejected.</param>
    public InvalidTenantIdException(string? value, string reason)
        : base(reason)
    {
        Value = value;
    }

    /// <summary>The rejected id.</summary>
    public string? Value { get; }
}
