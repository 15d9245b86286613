namespace Tenancy.ApiKeys;

/// <summary>
/// The outcome of checking a presented token. A failure never says why (unknown, wrong secret, expired or revoked
/// look the same to the caller); successes are cached per key, so checking a warm key allocates nothing.
/// </summary>
public sealed class TenantApiKeyValidation
{
    private TenantApiKeyValidation(TenantApiKey? key) => Key = key;

    /// <summary>The failed outcome.</summary>
    public static TenantApiKeyValidation Failed { get; } = new(null);

    /// <summary>Whether the token authenticates.</summary>
    public bool Succeeded => Key is not null;

    /// <summary>The key, when <see cref="Succeeded"/>.</summary>
    public TenantApiKey? Key { get; }

    internal static TenantApiKeyValidation Success(TenantApiKey key) => new(key);
}
