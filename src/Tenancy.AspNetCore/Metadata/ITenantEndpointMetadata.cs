namespace Tenancy.AspNetCore.Metadata;

/// <summary>
/// Endpoint metadata read by the tenant resolution middleware. When an endpoint carries several, the most specific
/// (the last added, so an endpoint's own metadata beats its group's) decides.
/// </summary>
public interface ITenantEndpointMetadata
{
    /// <summary>What the endpoint needs from tenant resolution.</summary>
    TenantRequirement Requirement { get; }
}
