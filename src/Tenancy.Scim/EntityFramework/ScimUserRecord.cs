using Tenancy.EntityFramework;

namespace Tenancy.Scim.EntityFramework;

/// <summary>A SCIM user row: indexed columns for the filterable attributes plus the canonical JSON document.</summary>
internal sealed class ScimUserRecord : ITenantScoped
{
    public string Id { get; set; } = "";

    public string TenantId { get; set; } = "";

    public string UserName { get; set; } = "";

    /// <summary>The user name upper-cased (invariant): userName is unique and compared without case.</summary>
    public string UserNameKey { get; set; } = "";

    public string? ExternalId { get; set; }

    public string? DisplayNameKey { get; set; }

    public string? GivenNameKey { get; set; }

    public string? FamilyNameKey { get; set; }

    public string? EmailKey { get; set; }

    public bool Active { get; set; } = true;

    public DateTime Created { get; set; }

    public DateTime LastModified { get; set; }

    public long Version { get; set; }

    public string Document { get; set; } = "{}";
}
