using Microsoft.AspNetCore.Http;
using Tenancy.AspNetCore.Sso;

namespace Tenancy.AspNetCore.Problems;

/// <summary>The fixed problems of per-tenant SSO (never built from request data).</summary>
internal sealed partial record TenancyProblem
{
    public static readonly TenancyProblem InvalidToken = new(
        StatusCodes.Status401Unauthorized, SsoProblemTypes.InvalidToken, "Invalid token", "The bearer token is not valid for any tenant.");

    public static readonly TenancyProblem TokenForbidden = new(
        StatusCodes.Status403Forbidden, SsoProblemTypes.Forbidden, "Forbidden", "The token does not grant this endpoint in this tenant.");

    public static readonly TenancyProblem SsoNotConfigured = new(
        StatusCodes.Status404NotFound, SsoProblemTypes.NotConfigured, "Single sign-on not configured", "This tenant has no identity provider.");

    public static readonly TenancyProblem SignInFailed = new(
        StatusCodes.Status400BadRequest, SsoProblemTypes.SignInFailed, "Sign-in failed", "The sign-in response is not valid for this tenant. Start again from /signin.");

    public static readonly TenancyProblem NotAMember = new(
        StatusCodes.Status403Forbidden, SsoProblemTypes.NotAMember, "Not a member", "The identity provider signed you in, but you are not a member of this tenant.");

    public static readonly TenancyProblem ProviderUnavailable = new(
        StatusCodes.Status502BadGateway, SsoProblemTypes.ProviderUnavailable, "Identity provider unavailable", "The tenant's identity provider could not be reached or answered with an error. Try again later.");

    public static readonly TenancyProblem SsoMisconfigured = new(
        StatusCodes.Status503ServiceUnavailable, SsoProblemTypes.Misconfigured, "Single sign-on misconfigured", "The tenant's sign-in cannot be completed: its client secret is missing or unreadable. Ask the tenant's administrator.");
}
