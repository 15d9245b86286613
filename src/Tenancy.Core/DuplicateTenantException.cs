namespace Tenancy;

/// <summary>Thrown by a writable tenant store when an id, identifier or domain is already taken by another tenant.</summary>
public sealed class DuplicateTenantException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public DuplicateTenantException()
        : base("Another tenant already uses that id, identifier or domain.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public DuplicateTenantException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public DuplicateTenantException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
