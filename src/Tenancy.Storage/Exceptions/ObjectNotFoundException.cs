namespace Tenancy.Storage.Exceptions;

/// <summary>Thrown when an object does not exist for the current tenant (another tenant's object with the same key is invisible).</summary>
public sealed class ObjectNotFoundException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public ObjectNotFoundException()
        : base("The object does not exist.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public ObjectNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ObjectNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The tenant-relative key that was not found.</summary>
    public string? Key { get; init; }

    internal static ObjectNotFoundException ForKey(string key, Exception? innerException = null) =>
        innerException is null
            ? new($"No object with key '{key}' exists for the current tenant.") { Key = key }
            : new($"No object with key '{key}' exists for the current tenant.", innerException) { Key = key };
}
