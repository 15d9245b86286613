using Microsoft.AspNetCore.Http;
using Tenancy.Resolution;

namespace Tenancy.AspNetCore.Problems;

/// <summary>A fixed problem (status, type, title, detail): never built from request data.</summary>
internal sealed partial record TenancyProblem(int Status, string Type, string Title, string Detail)
{
    public static readonly TenancyProblem InvalidIdentifier = new(
        StatusCodes.Status400BadRequest, TenancyProblemTypes.InvalidIdentifier, "Invalid tenant identifier", Describe(TenantResolutionOutcome.InvalidIdentifier));

    public static readonly TenancyProblem TenantRequired = new(
        StatusCodes.Status400BadRequest, TenancyProblemTypes.TenantRequired, "Tenant required", "This endpoint needs a tenant and the request does not name one.");

    public static readonly TenancyProblem Conflict = new(
        StatusCodes.Status403Forbidden, TenancyProblemTypes.Conflict, "Tenant conflict", Describe(TenantResolutionOutcome.Conflict));

    public static readonly TenancyProblem NotFound = new(
        StatusCodes.Status404NotFound, TenancyProblemTypes.NotFound, "Tenant not found", Describe(TenantResolutionOutcome.NotFound));

    public static readonly TenancyProblem Inactive = new(
        StatusCodes.Status423Locked, TenancyProblemTypes.Inactive, "Tenant inactive", Describe(TenantResolutionOutcome.Inactive));

    public static readonly TenancyProblem RateLimited = new(
        StatusCodes.Status429TooManyRequests, TenancyProblemTypes.RateLimited, "Too many requests", "The request allowance of this caller or tenant is used up for now. Retry after the time in the Retry-After header.");

    public static readonly TenancyProblem StoreUnavailable = new(
        StatusCodes.Status503ServiceUnavailable, TenancyProblemTypes.StoreUnavailable, "Tenant store unavailable", "The tenant could not be looked up. Try again later.");

    /// <summary>The problem for a resolution outcome, or <see langword="null"/> for one that is not a failure.</summary>
    /// <param name="outcome">The outcome.</param>
    /// <returns>The problem.</returns>
    public static TenancyProblem? For(TenantResolutionOutcome outcome) => outcome switch
    {
        TenantResolutionOutcome.InvalidIdentifier => InvalidIdentifier,
        TenantResolutionOutcome.NotFound => NotFound,
        TenantResolutionOutcome.Conflict => Conflict,
        TenantResolutionOutcome.Inactive => Inactive,
        _ => null,
    };

    private static string Describe(TenantResolutionOutcome outcome) => new TenantResolutionResult(outcome, null, null).Detail;
}
