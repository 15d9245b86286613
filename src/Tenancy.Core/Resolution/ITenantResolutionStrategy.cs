namespace Tenancy.Resolution;

/// <summary>
/// Finds a tenant key in a request. Strategies run in registration order; the first one that finds a key decides,
/// except that an authoritative strategy (an authenticated claim) must agree with every other strategy's answer.
/// Implementations must be thread-safe, must not throw on any input, and should not allocate.
/// </summary>
public interface ITenantResolutionStrategy
{
    /// <summary>A short name for logs, metrics and resolution results (<c>host</c>, <c>header</c>, <c>claim</c> …).</summary>
    string Name { get; }

    /// <summary>
    /// Whether this strategy's answer for <paramref name="request"/> comes from an authenticated principal. When it does,
    /// every other strategy that finds a key must name the same tenant, or resolution ends in a conflict.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <returns><see langword="true"/> for an authenticated source.</returns>
    bool IsAuthoritativeFor(in TenantRequestView request);

    /// <summary>Finds the tenant key in the request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The candidate; <see cref="TenantCandidate.None"/> when the request has none.</returns>
    TenantCandidate GetCandidate(in TenantRequestView request);
}
