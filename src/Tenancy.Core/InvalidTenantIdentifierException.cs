namespace Tenancy;

/// <summary>
/// Thrown when a tenant identifier (see <see cref="TenantIdentifier"/>) or domain (see <see cref="TenantDomain"/>) is
/// malformed or reserved. A bad tenant id throws <see cref="InvalidTenantIdException"/>.
/// </summary>
public sealed class InvalidTenantIdentifierException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public InvalidTenantIdentifierException()
        : base("The tenant identifier is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public InvalidTenantIdentifierException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public InvalidTenantIdentifierException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a rejected value.</summary>
    /// <param name="value">The rejected value (kept out of the message when it is long or has control characters).</param>
    /// <param name="reason">Why it was rejected.</param>
    public InvalidTenantIdentifierException(string? value, string reason)
        : base(reason)
    {
        Value = value;
    }

    /// <summary>The rejected value.</summary>
    public string? Value { get; }
}
