namespace Tenancy.Audit;

/// <summary>Describes the current caller for audit entries (Tenancy.AspNetCore reads it from the HTTP request).</summary>
public interface IAuditContextAccessor
{
    /// <summary>Returns the current caller, or <see langword="null"/> outside a request.</summary>
    /// <returns>The context.</returns>
    AuditContext? GetCurrent();
}
