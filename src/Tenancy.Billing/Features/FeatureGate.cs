using Tenancy.Billing.Plans;

namespace Tenancy.Billing.Features;

/// <summary>Reads the plan's frozen feature set.</summary>
internal sealed class FeatureGate(ICurrentTenant current, IPlanCatalog catalog) : IFeatureGate
{
    public bool IsEnabled(string feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return current.Tenant is { } tenant && IsEnabled(tenant, feature);
    }

    public bool IsEnabled(TenantInfo tenant, string feature)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(feature);
        return catalog.GetPlan(tenant).Features.Contains(feature);
    }
}
