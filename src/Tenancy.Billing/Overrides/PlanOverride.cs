namespace Tenancy.Billing.Overrides;

/// <summary>A temporary change of one tenant's limit on one meter, with who approved it and why.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Meter">The meter.</param>
/// <param name="Limit">The limit while the override lasts (replaces the plan's).</param>
/// <param name="ExpiresAt">When the override stops applying.</param>
/// <param name="Reason">Why (shown in the audit record).</param>
/// <param name="ApprovedBy">Who approved it.</param>
public sealed record PlanOverride(string TenantId, string Meter, long Limit, DateTimeOffset ExpiresAt, string Reason, string ApprovedBy);
