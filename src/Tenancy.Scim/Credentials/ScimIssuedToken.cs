namespace Tenancy.Scim.Credentials;

/// <summary>A newly issued SCIM bearer token. <see cref="Token"/> is shown once: only its hash is stored.</summary>
/// <param name="Id">The token's public id (for listing and revoking).</param>
/// <param name="TenantId">The tenant it authenticates as.</param>
/// <param name="Token">The secret bearer token to paste into the identity provider.</param>
public sealed record ScimIssuedToken(string Id, string TenantId, string Token)
{
    /// <inheritdoc />
    public override string ToString() => $"ScimIssuedToken {{ Id = {Id}, TenantId = {TenantId} }}"; // Never prints the secret.
}
