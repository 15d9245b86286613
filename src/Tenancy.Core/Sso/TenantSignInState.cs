namespace Tenancy.Sso;

/// <summary>What a sign-in remembers between the redirect to the provider and the callback (server-side, used once).</summary>
/// <param name="TenantId">The tenant the sign-in started at.</param>
/// <param name="Nonce">The nonce the id token must carry.</param>
/// <param name="CodeVerifier">The PKCE verifier.</param>
/// <param name="RedirectUri">The callback address sent to the provider.</param>
/// <param name="ReturnUrl">The local address to go to after sign-in.</param>
/// <param name="BrowserBinding">The value of the browser's sign-in cookie (login CSRF defence).</param>
/// <param name="ExpiresAt">When the sign-in expires.</param>
public sealed record TenantSignInState(string TenantId, string Nonce, string CodeVerifier, string RedirectUri, string ReturnUrl, string BrowserBinding, DateTimeOffset ExpiresAt);
