using System.Text.Json.Nodes;

namespace Tenancy.Scim.Events;

/// <summary>A provisioning event, raised after the change is stored. Never carries passwords.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="TenantId">The tenant.</param>
/// <param name="ResourceId">The user or group id.</param>
/// <param name="Attributes">The resource's attributes after the change (the canonical document), or <see langword="null"/> after a delete.</param>
public sealed record ScimEvent(ScimEventKind Kind, string TenantId, string ResourceId, JsonObject? Attributes)
{
    /// <summary>The user name (users) or display name (groups), when known.</summary>
    public string? Name => (Attributes?["userName"] ?? Attributes?["displayName"])?.GetValue<string>();

    /// <summary>The provisioning client's id of the resource, when known.</summary>
    public string? ExternalId => Attributes?["externalId"]?.GetValue<string>();
}
