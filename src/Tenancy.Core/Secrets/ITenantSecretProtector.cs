namespace Tenancy.Secrets;

/// <summary>
/// Encrypts tenant secrets for storage. Tenancy.AspNetCore's <c>AddTenantSecrets()</c> registers one on ASP.NET Core Data
/// Protection with a purpose per tenant and secret kind.
/// </summary>
public interface ITenantSecretProtector
{
    /// <summary>Encrypts a value for one tenant and kind.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="value">The plain value.</param>
    /// <returns>The encrypted value.</returns>
    byte[] Protect(string tenantId, TenantSecretKind kind, ReadOnlySpan<byte> value);

    /// <summary>Decrypts a value encrypted for the same tenant and kind; throws when it was encrypted for another.</summary>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="kind">The kind.</param>
    /// <param name="protectedValue">The encrypted value.</param>
    /// <returns>The plain value.</returns>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The value was encrypted for another tenant or kind, or is corrupt.</exception>
    byte[] Unprotect(string tenantId, TenantSecretKind kind, byte[] protectedValue);
}
