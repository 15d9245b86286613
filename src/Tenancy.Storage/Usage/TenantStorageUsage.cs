namespace Tenancy.Storage.Usage;

/// <summary>How much one tenant stores.</summary>
/// <param name="TenantId">The tenant id.</param>
/// <param name="Bytes">The total size of the tenant's objects, in bytes.</param>
/// <param name="Objects">How many objects the tenant has.</param>
public sealed record TenantStorageUsage(string TenantId, long Bytes, long Objects);
