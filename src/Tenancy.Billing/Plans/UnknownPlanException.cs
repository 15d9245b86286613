namespace Tenancy.Billing.Plans;

/// <summary>A tenant names a plan the catalogue does not define (or has no plan and no default plan is set).</summary>
public sealed class UnknownPlanException : TenancyException
{
    /// <summary>Creates the exception.</summary>
    public UnknownPlanException()
        : base("The plan is not in the plan catalogue.")
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    public UnknownPlanException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public UnknownPlanException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The plan id that was asked for, or <see langword="null"/> when the tenant named none.</summary>
    public string? PlanId { get; private init; }

    internal static UnknownPlanException For(string? planId, string? tenantId) => new(planId is null
        ? $"The tenant '{tenantId}' has no plan and the plan catalogue has no DefaultPlan."
        : $"The plan '{planId}'{(tenantId is null ? "" : $" of tenant '{tenantId}'")} is not in the plan catalogue.")
    {
        PlanId = planId,
    };
}
