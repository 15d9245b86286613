namespace Tenancy.Billing.Features;

/// <summary>Answers whether a tenant's plan enables a feature, from memory (no I/O).</summary>
public interface IFeatureGate
{
    /// <summary>Whether the current tenant's plan enables <paramref name="feature"/>. False when no tenant is current.</summary>
    /// <param name="feature">The feature name.</param>
    /// <returns>Whether it is enabled.</returns>
    bool IsEnabled(string feature);

    /// <summary>Whether <paramref name="tenant"/>'s plan enables <paramref name="feature"/>.</summary>
    /// <param name="tenant">The tenant.</param>
    /// <param name="feature">The feature name.</param>
    /// <returns>Whether it is enabled.</returns>
    /// <exception cref="Plans.UnknownPlanException">The tenant's plan is not in the catalogue.</exception>
    bool IsEnabled(TenantInfo tenant, string feature);
}
