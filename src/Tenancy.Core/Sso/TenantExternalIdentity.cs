namespace Tenancy.Sso;

/// <summary>A person as a tenant's identity provider vouched for them, taken from a validated token only.</summary>
/// <param name="Issuer">The validated issuer.</param>
/// <param name="Subject">The validated subject (<c>sub</c>).</param>
/// <param name="Email">The e-mail address, or <see langword="null"/>.</param>
/// <param name="EmailVerified">Whether the provider says it verified <paramref name="Email"/>.</param>
/// <param name="Name">The display name, or <see langword="null"/>.</param>
public sealed record TenantExternalIdentity(string Issuer, string Subject, string? Email, bool EmailVerified, string? Name);
