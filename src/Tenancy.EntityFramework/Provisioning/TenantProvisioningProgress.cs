namespace Tenancy.EntityFramework.Provisioning;

/// <summary>Progress of a run over many tenants, reported after each tenant.</summary>
/// <param name="Completed">Tenants finished so far (succeeded or failed).</param>
/// <param name="Total">Tenants in the run.</param>
/// <param name="Failed">Tenants that failed so far.</param>
/// <param name="Last">The tenant that just finished.</param>
public sealed record TenantProvisioningProgress(int Completed, int Total, int Failed, TenantProvisioningResult Last);
