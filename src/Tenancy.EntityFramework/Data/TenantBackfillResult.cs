namespace Tenancy.EntityFramework.Data;

/// <summary>What <see cref="TenantBackfill"/> did (or, in a dry run, would do).</summary>
/// <param name="EntityType">The entity type.</param>
/// <param name="DryRun">Whether nothing was written.</param>
/// <param name="Examined">Rows without a tenant that were examined.</param>
/// <param name="Assigned">Rows assigned (or that would be) to a tenant.</param>
/// <param name="Unassigned">Rows left without a tenant because neither the rule nor a default placed them.</param>
/// <param name="PerTenant">Assigned rows per tenant id.</param>
/// <param name="Checkpoint">The last primary key processed; pass it as <see cref="TenantBackfillOptions{TEntity}.ResumeAfter"/> to resume.</param>
public sealed record TenantBackfillResult(
    string EntityType,
    bool DryRun,
    int Examined,
    int Assigned,
    int Unassigned,
    IReadOnlyDictionary<string, int> PerTenant,
    object? Checkpoint);
