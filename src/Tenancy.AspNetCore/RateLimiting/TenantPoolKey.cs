namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>
/// The partition of a tenant-wide pool (the authenticated callers' cap or the anonymous budget): the tenant, its plan,
/// the generation that moves on when the tenant changes, and the pool. Kept apart from <see cref="TenantPartitionKey"/>
/// and small, because the partitioned limiter copies the key into a closure on every acquire.
/// </summary>
/// <param name="TenantId">The tenant id.</param>
/// <param name="Plan">The tenant's plan.</param>
/// <param name="Generation">Moves on with every published change of the tenant.</param>
/// <param name="Pool">Whose budget this partition counts.</param>
internal readonly record struct TenantPoolKey(string TenantId, string? Plan, int Generation, RateLimitPool Pool);
