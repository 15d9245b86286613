namespace Tenancy.AspNetCore.RateLimiting;

/// <summary>Who is asking, as the limiters see it: the tenant (if any), whether the caller is authenticated, its id and its address.</summary>
/// <param name="Tenant">The current tenant, or <see langword="null"/>.</param>
/// <param name="Authenticated">Whether the principal is authenticated.</param>
/// <param name="CallerId">The authenticated caller's id, when one was found.</param>
/// <param name="Address">The client address key (see <see cref="TenantPartitionKey.AddressKey"/>).</param>
internal readonly record struct RateLimitCaller(TenantInfo? Tenant, bool Authenticated, string? CallerId, UInt128 Address)
{
    public RateLimitPool Pool => Tenant is null ? RateLimitPool.WithoutTenant : Authenticated ? RateLimitPool.Authenticated : RateLimitPool.Anonymous;
}
