namespace Tenancy.EntityFramework;

/// <summary>
/// Thrown when a save would write a row of another tenant: an added row stamped with a different tenant, a modified or
/// deleted row that belongs to another tenant, or a changed tenant id. Nothing is written.
/// </summary>
public sealed class TenantMismatchException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public TenantMismatchException()
        : base("The operation touches a row of another tenant.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TenantMismatchException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TenantMismatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
