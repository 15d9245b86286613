using Tenancy.Billing.Overrides;

namespace Tenancy.Billing.Events;

/// <summary>An override was set or removed (the audit record of who approved what and why).</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="OccurredAt">When.</param>
/// <param name="Override">The override set, or the one removed.</param>
/// <param name="Removed">Whether it was removed.</param>
public sealed record PlanOverrideChanged(string TenantId, DateTimeOffset OccurredAt, PlanOverride Override, bool Removed)
    : BillingEvent(TenantId, OccurredAt);
