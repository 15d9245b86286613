namespace Tenancy.EntityFramework.Sso;

/// <summary>A row of <c>TenantExternalLogins</c>: which member an external identity (issuer + subject) of a tenant signs in as.</summary>
public sealed class TenantExternalLoginRecord
{
    /// <summary>The tenant.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The validated issuer.</summary>
    public string Issuer { get; set; } = string.Empty;

    /// <summary>The validated subject.</summary>
    public string Subject { get; set; } = string.Empty;

    /// <summary>The member's user id.</summary>
    public string UserId { get; set; } = string.Empty;
}
