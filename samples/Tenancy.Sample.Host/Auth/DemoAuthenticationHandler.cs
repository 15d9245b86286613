using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Tenancy.Stores;

namespace Tenancy.Sample.Host.Auth;

/// <summary>
/// A stand-in for a real identity provider, FOR THE SAMPLE ONLY: <c>Authorization: Demo alice@t-acme</c> signs in
/// "alice" with the tenant claim <c>tid = t-acme</c>. It shows how an authenticated tenant claim outranks the
/// host and the header. Replace it with JWT bearer / OpenID Connect in a real application.
/// </summary>
/// <remarks>
/// Strict on purpose: any <c>Authorization</c> header that is not exactly <c>Demo user@tenant-id</c> (another scheme, an
/// empty value, a repeated header, a malformed user or tenant id, a tenant that does not exist) fails authentication,
/// and <see cref="SampleAuthenticationExtensions.UseSampleAuthentication"/> answers it 401 — a request with broken
/// credentials never falls back to being an anonymous request that names a tenant in a header.
/// </remarks>
public sealed class DemoAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ITenantStore tenants, IProblemDetailsService problems)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Demo";
    public const string TenantClaim = "tid";

    /// <summary>The challenge property that carries why the credentials failed.</summary>
    internal const string FailureItem = "demo.failure";
    private const int MaxUserLength = 64;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue("Authorization", out var values))
        {
            return AuthenticateResult.NoResult();
        }

        if (values.Count != 1 || values[0] is not { } header
            || header.Length <= SchemeName.Length + 1
            || !header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Expected 'Authorization: Demo user@tenant-id'.");
        }

        var value = header[(SchemeName.Length + 1)..];
        var at = value.LastIndexOf('@');
        if (at <= 0 || at > MaxUserLength || !IsUserName(value.AsSpan(0, at)) || !TenantId.IsValid(value.AsSpan(at + 1)))
        {
            return AuthenticateResult.Fail("Expected 'Authorization: Demo user@tenant-id'.");
        }

        var tenantId = value[(at + 1)..];
        if (await tenants.FindByIdAsync(tenantId, Context.RequestAborted) is null)
        {
            return AuthenticateResult.Fail("The credential names a tenant that does not exist.");
        }

        var user = value[..at];
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Name, user), new Claim(TenantClaim, tenantId)],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        properties.Items.TryGetValue(FailureItem, out var failure) && failure is not null
            ? WriteProblemAsync(StatusCodes.Status401Unauthorized, "Invalid credentials", failure)
            : WriteProblemAsync(StatusCodes.Status401Unauthorized, "Authentication required", "This endpoint serves tenant data: sign in with 'Authorization: Demo user@tenant-id'.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, "Not a member of this tenant", "The signed-in user does not belong to the request's tenant.");

    /// <summary>Answers with a problem details body; 401 carries the <c>WWW-Authenticate</c> challenge.</summary>
    private Task WriteProblemAsync(int status, string title, string detail)
    {
        Response.StatusCode = status;
        if (status == StatusCodes.Status401Unauthorized)
        {
            Response.Headers.WWWAuthenticate = SchemeName;
        }

        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = Context,
            ProblemDetails = { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }

    private static bool IsUserName(ReadOnlySpan<char> user)
    {
        foreach (var c in user)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+'))
            {
                return false;
            }
        }

        return true;
    }
}
