namespace Tenancy;

/// <summary>Thrown when a tenant that an operation names does not exist in the tenant store.</summary>
public sealed class TenantNotFoundException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public TenantNotFoundException()
        : base("The tenant does not exist.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TenantNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TenantNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a missing tenant key.</summary>
    /// <param name="key">The id, identifier or domain that was looked up.</param>
    /// <returns>The exception.</returns>
    public static TenantNotFoundException ForKey(string key) => new($"No tenant '{key}' exists.") { Key = key };

    /// <summary>The id, identifier or domain that was looked up, when known.</summary>
    public string? Key { get; private init; }
}
