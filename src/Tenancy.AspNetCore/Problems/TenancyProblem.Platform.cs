using Microsoft.AspNetCore.Http;
using Tenancy.AspNetCore.Platform;

namespace Tenancy.AspNetCore.Problems;

/// <summary>The fixed problems of the platform services (API keys, roles, idempotency).</summary>
internal sealed partial record TenancyProblem
{
    public static readonly TenancyProblem InvalidCredentials = new(
        StatusCodes.Status401Unauthorized, PlatformProblemTypes.InvalidCredentials, "Invalid credentials", "The API key is not valid.");

    public static readonly TenancyProblem Forbidden = new(
        StatusCodes.Status403Forbidden, PlatformProblemTypes.Forbidden, "Forbidden", "The caller does not have the role or permission this endpoint needs in this tenant.");

    public static readonly TenancyProblem InvalidIdempotencyKey = new(
        StatusCodes.Status400BadRequest, PlatformProblemTypes.InvalidIdempotencyKey, "Invalid Idempotency-Key", "The Idempotency-Key header must be 1 to 255 printable ASCII characters and appear once.");

    public static readonly TenancyProblem IdempotencyInProgress = new(
        StatusCodes.Status409Conflict, PlatformProblemTypes.IdempotencyInProgress, "Request in progress", "A request with this Idempotency-Key is still being processed. Retry later.");

    public static readonly TenancyProblem IdempotencyMismatch = new(
        StatusCodes.Status422UnprocessableEntity, PlatformProblemTypes.IdempotencyMismatch, "Idempotency-Key reused", "This Idempotency-Key was used with a different request.");

    public static readonly TenancyProblem IdempotencyUnavailable = new(
        StatusCodes.Status503ServiceUnavailable, PlatformProblemTypes.IdempotencyUnavailable, "Idempotency unavailable", "The request was not run: its Idempotency-Key could not be checked. Retry later.");
}
