namespace Tenancy.EntityFramework.Lifecycle;

/// <summary>A row of the <c>TenantLifecycleJournal</c> table: one finished step of a tenant's onboarding or offboarding. Not tenant-scoped: it outlives the tenant.</summary>
public sealed class TenantLifecycleJournalRecord
{
    /// <summary>The tenant.</summary>
    public string TenantId { get; set; } = string.Empty;

    /// <summary>The operation.</summary>
    public string Operation { get; set; } = string.Empty;

    /// <summary>The step key.</summary>
    public string Step { get; set; } = string.Empty;

    /// <summary>When it finished, in UTC ticks.</summary>
    public long CompletedAtTicks { get; set; }
}
