using System.Security.Claims;
using Tenancy.Sso;

namespace Tenancy.AspNetCore.Sso;

/// <summary>The outcome of validating a tenant token: the tenant's settings and the identity, or why it failed (a fixed text).</summary>
internal readonly record struct TenantTokenValidation(TenantSsoSettings? Settings, ClaimsIdentity? Identity, string? Failure)
{
    public bool Succeeded => Failure is null;

    public static TenantTokenValidation Fail(string reason) => new(null, null, reason);
}
