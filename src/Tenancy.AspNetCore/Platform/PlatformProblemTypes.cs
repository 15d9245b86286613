namespace Tenancy.AspNetCore.Platform;

/// <summary>The <c>type</c> URIs of the RFC 9457 problems that the platform services (API keys, idempotency) answer with.</summary>
public static class PlatformProblemTypes
{
    /// <summary>401: the presented credentials do not authenticate (the reason is deliberately not given).</summary>
    public const string InvalidCredentials = "urn:tenancy:problem:invalid-credentials";

    /// <summary>403: the caller lacks the tenant role or permission the endpoint needs.</summary>
    public const string Forbidden = "urn:tenancy:problem:forbidden";

    /// <summary>400: the <c>Idempotency-Key</c> header is malformed.</summary>
    public const string InvalidIdempotencyKey = "urn:tenancy:problem:invalid-idempotency-key";

    /// <summary>409: a request with the same <c>Idempotency-Key</c> is still being processed.</summary>
    public const string IdempotencyInProgress = "urn:tenancy:problem:idempotency-in-progress";

    /// <summary>422: the <c>Idempotency-Key</c> was used before with a different request.</summary>
    public const string IdempotencyMismatch = "urn:tenancy:problem:idempotency-key-reused";

    /// <summary>503: the store that makes <c>Idempotency-Key</c> safe (cache or claims) did not answer, so the request was not run.</summary>
    public const string IdempotencyUnavailable = "urn:tenancy:problem:idempotency-unavailable";
}
