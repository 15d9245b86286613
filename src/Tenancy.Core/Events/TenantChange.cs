namespace Tenancy.Events;

/// <summary>A change to one tenant, published by writable stores.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="TenantId">The id of the tenant.</param>
/// <param name="Previous">The tenant before the change (<see langword="null"/> when added or unknown).</param>
/// <param name="Current">The tenant after the change (<see langword="null"/> when removed).</param>
public sealed record TenantChange(TenantChangeKind Kind, string TenantId, TenantInfo? Previous, TenantInfo? Current);
