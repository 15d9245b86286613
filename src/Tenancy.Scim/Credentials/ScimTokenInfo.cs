namespace Tenancy.Scim.Credentials;

/// <summary>What is known about a SCIM token, without its secret.</summary>
/// <param name="Id">The token's public id.</param>
/// <param name="TenantId">The tenant it authenticates as.</param>
/// <param name="Description">A description given when it was issued.</param>
/// <param name="Created">When it was issued (UTC).</param>
/// <param name="LastUsed">When it last authenticated a request (UTC, to within a few minutes), or <see langword="null"/>.</param>
/// <param name="Revoked">When it was revoked (UTC), or <see langword="null"/> while active.</param>
public sealed record ScimTokenInfo(string Id, string TenantId, string Description, DateTime Created, DateTime? LastUsed, DateTime? Revoked);
