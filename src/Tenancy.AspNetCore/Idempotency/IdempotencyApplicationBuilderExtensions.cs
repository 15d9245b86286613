using Tenancy.AspNetCore.Idempotency;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Adds the <c>Idempotency-Key</c> middleware.</summary>
public static class IdempotencyApplicationBuilderExtensions
{
    /// <summary>
    /// Replays stored responses for retried POST/PUT/PATCH requests with an <c>Idempotency-Key</c> (see
    /// <c>AddIdempotency()</c>). Put it after <c>UseTenancy()</c> and <c>UseAuthorization()</c>, so keys are kept per tenant
    /// and refused requests are never stored.
    /// </summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static IApplicationBuilder UseTenancyIdempotency(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<IdempotencyMiddleware>();
    }
}
