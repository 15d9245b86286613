namespace Tenancy;

/// <summary>The base type of every exception that Tenancy throws on purpose.</summary>
public class TenancyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TenancyException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TenancyException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TenancyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
