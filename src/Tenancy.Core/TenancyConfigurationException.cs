namespace Tenancy;

/// <summary>Thrown when Tenancy's configuration (for example the tenants of a configuration-bound store) is invalid.</summary>
public sealed class TenancyConfigurationException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public TenancyConfigurationException()
        : base("The tenancy configuration is invalid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TenancyConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TenancyConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
