using Tenancy.EntityFramework;

namespace Tenancy.Scim.EntityFramework;

/// <summary>Maps a SCIM group (by id or by display name) to an application role, per tenant.</summary>
internal sealed class ScimRoleMappingRecord : ITenantScoped
{
    public long Id { get; set; }

    public string TenantId { get; set; } = "";

    /// <summary>The group id, or <see langword="null"/> when the mapping is by display name.</summary>
    public string? GroupId { get; set; }

    /// <summary>The group display name upper-cased, or <see langword="null"/> when the mapping is by id.</summary>
    public string? GroupDisplayNameKey { get; set; }

    public string Role { get; set; } = "";
}
