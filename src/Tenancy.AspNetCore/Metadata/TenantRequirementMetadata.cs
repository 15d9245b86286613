namespace Tenancy.AspNetCore.Metadata;

/// <summary>Endpoint metadata that states a <see cref="TenantRequirement"/>; added by <c>WithTenantRequirement(…)</c>.</summary>
/// <param name="requirement">What the endpoint needs.</param>
internal sealed class TenantRequirementMetadata(TenantRequirement requirement) : ITenantEndpointMetadata
{
    /// <inheritdoc />
    public TenantRequirement Requirement { get; } = requirement;
}
