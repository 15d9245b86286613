namespace Tenancy.AspNetCore.Metadata;

/// <summary>
/// Opts an endpoint (or controller) out of tenant resolution: health checks, sign-in pages, the tenant directory.
/// No tenant is current while it runs, so tenant-scoped data stays unreachable.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method | AttributeTargets.Delegate, AllowMultiple = false, Inherited = true)]
public sealed class AllowWithoutTenantAttribute : Attribute, ITenantEndpointMetadata
{
    /// <inheritdoc />
    public TenantRequirement Requirement => TenantRequirement.AllowWithoutTenant;
}
