namespace Tenancy;

/// <summary>Thrown when two sources name different tenants, for example a header that disagrees with the authenticated tenant claim.</summary>
public sealed class TenantResolutionConflictException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public TenantResolutionConflictException()
        : base("The request names more than one tenant.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TenantResolutionConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TenantResolutionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
