namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>
/// The partition of a tenant's rate limiter: the tenant, its plan and a generation that moves on when the tenant
/// changes, so that a plan change starts the tenant on a fresh limiter.
/// </summary>
/// <param name="TenantId">The tenant id.</param>
/// <param name="Plan">The tenant's plan.</param>
/// <param name="Generation">Moves on with every published change of the tenant.</param>
internal readonly record struct TenantPartitionKey(string TenantId, string? Plan, int Generation);
