using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Tenancy.Sample.Host.Auth;

/// <summary>
/// A stand-in for a real identity provider, FOR THE SAMPLE ONLY: <c>Authorization: Demo alice@t-acme</c> signs in
/// "alice" with the tenant claim <c>tid = t-acme</c>. It shows how an authenticated tenant claim outranks the
/// host and the header. Replace it with JWT bearer / OpenID Connect in a real application.
/// </summary>
public sealed class DemoAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Demo";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith(SchemeName + " ", StringComparison.Ordinal))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var value = header[(SchemeName.Length + 1)..].Trim();
        var at = value.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == value.Length - 1 || value.Length > 200)
        {
            return Task.FromResult(AuthenticateResult.Fail("Expected 'Demo user@tenant-id'."));
        }

        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, value[..at]), new Claim("tid", value[(at + 1)..])],
            SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}
