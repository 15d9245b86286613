namespace Tenancy.Billing.Overrides;

/// <summary>The checks every <see cref="IPlanOverrideStore"/> makes before storing an override.</summary>
internal static class PlanOverrideValidation
{
    public static void Validate(PlanOverride planOverride, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(planOverride);
        TenantId.Validate(planOverride.TenantId);
        ArgumentException.ThrowIfNullOrWhiteSpace(planOverride.Meter);
        ArgumentException.ThrowIfNullOrWhiteSpace(planOverride.Reason);
        ArgumentException.ThrowIfNullOrWhiteSpace(planOverride.ApprovedBy);
        ArgumentOutOfRangeException.ThrowIfNegative(planOverride.Limit);
        if (planOverride.ExpiresAt <= now)
        {
            throw new ArgumentException("The override has already expired.", nameof(planOverride));
        }
    }
}
