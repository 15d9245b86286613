using Tenancy.EntityFramework;

namespace Tenancy.Scim.EntityFramework;

/// <summary>A SCIM group row; its members are rows of <see cref="ScimGroupMemberRecord"/>.</summary>
internal sealed class ScimGroupRecord : ITenantScoped
{
    public string Id { get; set; } = "";

    public string TenantId { get; set; } = "";

    public string DisplayName { get; set; } = "";

    public string DisplayNameKey { get; set; } = "";

    public string? ExternalId { get; set; }

    public DateTime Created { get; set; }

    public DateTime LastModified { get; set; }

    public long Version { get; set; }

    public string Document { get; set; } = "{}";
}
