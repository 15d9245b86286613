namespace Tenancy;

/// <summary>Thrown when tenant-scoped work runs without a current tenant. Tenancy fails closed: no tenant means no tenant data.</summary>
public sealed class TenantNotResolvedException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public TenantNotResolvedException()
        : base("No tenant is set for the current operation. Tenant-scoped work requires a tenant (see ICurrentTenant.Begin).")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TenantNotResolvedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TenantNotResolvedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
