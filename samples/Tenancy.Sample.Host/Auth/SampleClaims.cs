namespace Tenancy.Sample.Host.Auth;

/// <summary>The claim types and values of the sample's browser session (the contract SSO sign-in follows too).</summary>
public static class SampleClaims
{
    /// <summary>The tenant claim (<c>tid</c>): the tenant the session is signed in to.</summary>
    public const string TenantId = DemoAuthenticationHandler.TenantClaim;

    /// <summary>How the user authenticated (RFC 8176 <c>amr</c>): <see cref="Password"/> or <see cref="Sso"/>.</summary>
    public const string AuthenticationMethod = "amr";

    /// <summary><c>amr</c> of a password sign-in.</summary>
    public const string Password = "pwd";

    /// <summary><c>amr</c> of a single sign-on through the tenant's identity provider.</summary>
    public const string Sso = "sso";

    /// <summary>The role of platform operators (root host console); never combined with a tenant claim.</summary>
    public const string PlatformAdminRole = "platform-admin";
}
