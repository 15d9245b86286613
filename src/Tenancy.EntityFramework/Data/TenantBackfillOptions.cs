namespace Tenancy.EntityFramework.Data;

/// <summary>How <see cref="TenantBackfill"/> assigns existing rows to tenants.</summary>
/// <typeparam name="TEntity">The entity type.</typeparam>
public sealed class TenantBackfillOptions<TEntity>
    where TEntity : class
{
    /// <summary>The tenant for every row that <see cref="Rule"/> does not place (or every row when there is no rule).</summary>
    public string? DefaultTenantId { get; set; }

    /// <summary>Chooses a row's tenant id, or returns <see langword="null"/> to use <see cref="DefaultTenantId"/>.</summary>
    public Func<TEntity, string?>? Rule { get; set; }

    /// <summary>Rows per batch (each batch is one save). Default 500.</summary>
    public int BatchSize { get; set; } = 500;

    /// <summary>When <see langword="true"/>, reports what would change and writes nothing.</summary>
    public bool DryRun { get; set; }

    /// <summary>
    /// Resume after this primary key (the <see cref="TenantBackfillResult.Checkpoint"/> of an interrupted run). Rows
    /// already assigned are skipped anyway, so a rerun without a checkpoint is also safe.
    /// </summary>
    public object? ResumeAfter { get; set; }
}
