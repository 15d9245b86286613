namespace Tenancy.Secrets;

/// <summary>A tenant secret as a store keeps it: the metadata and the encrypted value.</summary>
/// <param name="Info">The metadata.</param>
/// <param name="ProtectedValue">The value, encrypted by an <see cref="ITenantSecretProtector"/>.</param>
public sealed record StoredTenantSecret(TenantSecretInfo Info, byte[] ProtectedValue);
