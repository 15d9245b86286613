namespace Tenancy;

/// <summary>Thrown when an operation targets a tenant that is not <see cref="TenantStatus.Active"/>.</summary>
public sealed class TenantInactiveException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public TenantInactiveException()
        : base("The tenant is not active.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TenantInactiveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TenantInactiveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a tenant.</summary>
    /// <param name="tenant">The inactive tenant.</param>
    public TenantInactiveException(TenantInfo tenant)
        : base($"Tenant '{tenant?.Identifier}' is {tenant?.Status.ToString().ToLowerInvariant()}.")
    {
        ArgumentNullException.ThrowIfNull(tenant);
        TenantId = tenant.Id;
        Status = tenant.Status;
    }

    /// <summary>The id of the inactive tenant, when known.</summary>
    public string? TenantId { get; }

    /// <summary>The status that made the tenant inactive.</summary>
    public TenantStatus Status { get; }
}
