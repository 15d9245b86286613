namespace Tenancy.ApiKeys;

/// <summary>A newly created key and its token. The token is shown once: only a hash of its secret is stored.</summary>
/// <param name="Key">The description of the key.</param>
/// <param name="Token">The full token (<c>tnc_live_&lt;prefix&gt;_&lt;secret&gt;</c>) the caller presents.</param>
public sealed record CreatedTenantApiKey(TenantApiKey Key, string Token);
