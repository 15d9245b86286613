namespace Tenancy.ApiKeys;

/// <summary>One key's latest use, batched by <see cref="TenantApiKeyService"/> and written by <see cref="ITenantApiKeyStore.RecordUsageAsync"/>.</summary>
/// <param name="TenantId">The tenant of the key.</param>
/// <param name="KeyId">The key id.</param>
/// <param name="UsedAt">When it was used.</param>
public sealed record TenantApiKeyUsage(string TenantId, string KeyId, DateTimeOffset UsedAt);
