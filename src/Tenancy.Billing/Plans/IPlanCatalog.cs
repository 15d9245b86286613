namespace Tenancy.Billing.Plans;

/// <summary>The validated plan catalogue. Answers from memory; follows configuration reloads.</summary>
public interface IPlanCatalog
{
    /// <summary>All plans.</summary>
    IReadOnlyCollection<Plan> Plans { get; }

    /// <summary>All meters.</summary>
    IReadOnlyCollection<MeterDefinition> Meters { get; }

    /// <summary>Finds a plan by id.</summary>
    /// <param name="planId">The plan id.</param>
    /// <param name="plan">The plan.</param>
    /// <returns>Whether the plan exists.</returns>
    bool TryGetPlan(string planId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Plan? plan);

    /// <summary>The plan of <paramref name="tenant"/>: its <see cref="TenantInfo.Plan"/>, or the default plan when it names none.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="UnknownPlanException">The tenant's plan is not in the catalogue.</exception>
    Plan GetPlan(TenantInfo tenant);

    /// <summary>Finds a meter by name.</summary>
    /// <param name="meter">The meter name.</param>
    /// <returns>The meter.</returns>
    /// <exception cref="UnknownMeterException">The meter is not in the catalogue.</exception>
    MeterDefinition GetMeter(string meter);

    /// <summary>The plan whose subscription price is <paramref name="stripePrice"/>, if any.</summary>
    /// <param name="stripePrice">The Stripe price id.</param>
    /// <returns>The plan, or <see langword="null"/>.</returns>
    Plan? FindByStripePrice(string stripePrice);
}
