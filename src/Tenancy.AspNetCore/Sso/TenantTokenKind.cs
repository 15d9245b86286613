namespace Tenancy.AspNetCore.Sso;

/// <summary>Which token is validated: an access token (JWT bearer) or an OpenID Connect id token (sign-in).</summary>
internal enum TenantTokenKind
{
    Access = 0,
    Id = 1,
}
