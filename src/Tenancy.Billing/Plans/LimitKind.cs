namespace Tenancy.Billing.Plans;

/// <summary>How a plan limit is enforced.</summary>
public enum LimitKind
{
    /// <summary>Consumption past the limit is refused.</summary>
    Hard = 0,

    /// <summary>Consumption past the limit is allowed and raises alerts; it is refused only past the critical <see cref="MeterLimitOptions.Ceiling"/>.</summary>
    Soft = 1,
}
