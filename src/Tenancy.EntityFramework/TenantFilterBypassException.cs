namespace Tenancy.EntityFramework;

/// <summary>
/// Thrown when a query drops the tenant filter (<c>IgnoreQueryFilters()</c>, <c>IgnoreQueryFilters(["Tenancy.Tenant"])</c>,
/// <c>IgnoreTenantFilter()</c>) outside a <see cref="TenantDbContext.BypassTenantFilter"/> (or <see cref="TenancyDbContextState.BypassTenantFilter"/>) scope. Nothing is read or written.
/// </summary>
public sealed class TenantFilterBypassException : TenancyException
{
    /// <summary>Creates the exception with the default message.</summary>
    public TenantFilterBypassException()
        : base("The tenant filter can only be dropped inside BypassTenantFilter(reason) (TenantDbContext.BypassTenantFilter, or Tenancy.BypassTenantFilter on an ITenantDbContext).")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What went wrong.</param>
    public TenantFilterBypassException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public TenantFilterBypassException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
