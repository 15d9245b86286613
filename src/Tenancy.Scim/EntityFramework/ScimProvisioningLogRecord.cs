using Tenancy.EntityFramework;

namespace Tenancy.Scim.EntityFramework;

/// <summary>One SCIM request of a tenant: what was asked, the outcome and the error. Never bodies, secrets or passwords.</summary>
internal sealed class ScimProvisioningLogRecord : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = "";

    public DateTime Timestamp { get; set; }

    public string Method { get; set; } = "";

    public string Resource { get; set; } = "";

    public string? ResourceId { get; set; }

    public string Summary { get; set; } = "";

    public int Status { get; set; }

    public string? ScimType { get; set; }

    public string? Error { get; set; }
}
