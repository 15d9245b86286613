namespace Tenancy.AspNetCore.Metadata;

/// <summary>
/// Marks an endpoint (or controller) as needing a tenant: a request that names none is answered 400 with a
/// ProblemDetails body, whatever <see cref="TenancyHttpOptions.RequireTenantByDefault"/> says.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Delegate, AllowMultiple = false, Inherited = true)]
public sealed class RequireTenantAttribute : Attribute, ITenantEndpointMetadata
{
    /// <inheritdoc />
    public TenantRequirement Requirement => TenantRequirement.Required;
}
