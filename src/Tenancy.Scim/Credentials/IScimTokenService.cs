namespace Tenancy.Scim.Credentials;

/// <summary>
/// Per-tenant SCIM bearer tokens: 256 random bits, shown once, stored as a SHA-256 hash, compared in constant time,
/// several active per tenant (for rotation), revocable, with a last-used time.
/// </summary>
public interface IScimTokenService
{
    /// <summary>Issues a new token for a tenant. The secret is in the result only.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="description">What the token is for (e.g. "Entra ID").</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The token.</returns>
    Task<ScimIssuedToken> IssueAsync(string tenantId, string description, CancellationToken cancellationToken = default);

    /// <summary>Revokes a token of a tenant; requests carrying it are answered 401 from then on.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="tokenId">The token's public id.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Whether an active token of that tenant was revoked.</returns>
    Task<bool> RevokeAsync(string tenantId, string tokenId, CancellationToken cancellationToken = default);

    /// <summary>Lists a tenant's tokens (active and revoked), without secrets.</summary>
    /// <param name="tenantId">The tenant id.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The tokens.</returns>
    Task<IReadOnlyList<ScimTokenInfo>> ListAsync(string tenantId, CancellationToken cancellationToken = default);

    /// <summary>Checks a bearer token and returns the tenant it belongs to.</summary>
    /// <param name="token">The token as sent.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The tenant id, or <see langword="null"/> when the token is malformed, unknown or revoked.</returns>
    Task<string?> AuthenticateAsync(string token, CancellationToken cancellationToken = default);
}
