namespace Tenancy.ApiKeys;

/// <summary>
/// What is known about one tenant API key, without its secret: shown in listings and carried by an authenticated
/// request. The secret itself is shown once, when the key is created (<see cref="CreatedTenantApiKey.Token"/>).
/// </summary>
/// <param name="Id">The public key id (the <c>&lt;prefix&gt;</c> part of the token) that finds the record.</param>
/// <param name="TenantId">The tenant the key belongs to and authenticates as.</param>
/// <param name="Name">A name chosen by the tenant (for example the calling system).</param>
/// <param name="Scopes">The scopes granted to the key.</param>
/// <param name="CreatedAt">When the key was created.</param>
/// <param name="CreatedBy">Who created it (a user id), or <see langword="null"/>.</param>
/// <param name="ExpiresAt">When it stops working, or <see langword="null"/> for never.</param>
/// <param name="RevokedAt">When it was revoked, or <see langword="null"/>.</param>
/// <param name="LastUsedAt">When it was last used (recorded at most once per flush interval), or <see langword="null"/>.</param>
public sealed record TenantApiKey(
    string Id,
    string TenantId,
    string Name,
    IReadOnlyList<string> Scopes,
    DateTimeOffset CreatedAt,
    string? CreatedBy,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt)
{
    /// <summary>Returns whether the key authenticates at <paramref name="now"/> (not revoked, not expired).</summary>
    /// <param name="now">The time to check.</param>
    /// <returns><see langword="true"/> when the key is usable.</returns>
    public bool IsUsableAt(DateTimeOffset now) => RevokedAt is null && (ExpiresAt is not { } expires || expires > now);
}
