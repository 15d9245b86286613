namespace Tenancy.Secrets;

/// <summary>What may be shown about a tenant secret: never its value.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Kind">The kind.</param>
/// <param name="Name">The name, unique per tenant and kind.</param>
/// <param name="Version">Starts at 1; each rotation adds 1.</param>
/// <param name="CreatedAt">When this version was stored.</param>
public sealed record TenantSecretInfo(string TenantId, TenantSecretKind Kind, string Name, int Version, DateTimeOffset CreatedAt);
