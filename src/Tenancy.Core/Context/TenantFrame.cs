namespace Tenancy;

/// <summary>One entry of the ambient tenant stack: the tenant a scope made current and the frame it replaced.</summary>
internal sealed class TenantFrame(TenantInfo? tenant, TenantFrame? parent)
{
    public TenantInfo? Tenant { get; } = tenant;

    public TenantFrame? Parent { get; } = parent;
}
