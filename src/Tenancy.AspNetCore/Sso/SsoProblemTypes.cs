namespace Tenancy.AspNetCore.Sso;

/// <summary>The <c>type</c> URIs of the RFC 9457 problems that per-tenant SSO answers with.</summary>
public static class SsoProblemTypes
{
    /// <summary>401: the bearer token does not validate against the tenant whose issuer it names (the reason is not given).</summary>
    public const string InvalidToken = "urn:tenancy:problem:invalid-token";

    /// <summary>403: the token's caller may not use this endpoint.</summary>
    public const string Forbidden = "urn:tenancy:problem:forbidden";

    /// <summary>404: the tenant has no identity provider.</summary>
    public const string NotConfigured = "urn:tenancy:problem:sso-not-configured";

    /// <summary>400: the sign-in callback is not valid (unknown or replayed state, wrong tenant, failed code exchange or id token).</summary>
    public const string SignInFailed = "urn:tenancy:problem:sso-sign-in-failed";

    /// <summary>403: the provider signed the person in but they are not a member and just-in-time creation is off.</summary>
    public const string NotAMember = "urn:tenancy:problem:sso-not-a-member";

    /// <summary>502: the tenant's provider could not be reached.</summary>
    public const string ProviderUnavailable = "urn:tenancy:problem:sso-provider-unavailable";

    /// <summary>503: the tenant's client secret is missing or does not decrypt on this instance.</summary>
    public const string Misconfigured = "urn:tenancy:problem:sso-misconfigured";

    /// <summary>403: the tenant enforces single sign-on, so password sign-in is refused.</summary>
    public const string PasswordSignInDisabled = "urn:tenancy:problem:password-sign-in-disabled";
}
