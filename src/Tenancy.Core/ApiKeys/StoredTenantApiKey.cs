namespace Tenancy.ApiKeys;

/// <summary>A key as an <see cref="ITenantApiKeyStore"/> keeps it: its description and the SHA-256 hash of its secret.</summary>
/// <param name="Key">The description.</param>
/// <param name="SecretHash">The 32-byte SHA-256 hash of the 32-byte secret. The secret itself is never stored.</param>
public sealed record StoredTenantApiKey(TenantApiKey Key, byte[] SecretHash);
