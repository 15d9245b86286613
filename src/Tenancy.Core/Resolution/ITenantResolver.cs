namespace Tenancy.Resolution;

/// <summary>Runs the registered strategies over a request and looks the tenant up.</summary>
public interface ITenantResolver
{
    /// <summary>Resolves the tenant of a request. Never throws for request content; failures are outcomes.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels a store lookup.</param>
    /// <returns>The result.</returns>
    ValueTask<TenantResolutionResult> ResolveAsync(TenantRequestView request, CancellationToken cancellationToken = default);
}
