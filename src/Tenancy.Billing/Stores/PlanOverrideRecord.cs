using Tenancy.EntityFramework;

namespace Tenancy.Billing.Stores;

/// <summary>The stored form of a <see cref="Overrides.PlanOverride"/> (tenant-scoped).</summary>
internal sealed class PlanOverrideRecord : ITenantScoped
{
    public string TenantId { get; set; } = "";

    public string Meter { get; set; } = "";

    public long Limit { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }

    public string Reason { get; set; } = "";

    public string ApprovedBy { get; set; } = "";

    public DateTimeOffset SetAt { get; set; }
}
