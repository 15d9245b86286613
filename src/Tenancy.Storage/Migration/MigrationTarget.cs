namespace Tenancy.Storage.Migration;

/// <summary>Where a pre-tenancy object goes: a tenant and a key relative to that tenant.</summary>
/// <param name="TenantId">The tenant id.</param>
/// <param name="Key">The tenant-relative key (validated like any key).</param>
public sealed record MigrationTarget(string TenantId, string Key);
