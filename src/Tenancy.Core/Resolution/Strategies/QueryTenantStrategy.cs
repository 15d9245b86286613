namespace Tenancy.Resolution.Strategies;

/// <summary>Finds the tenant key in a query-string parameter. Opt-in: query strings leak into logs and referrers.</summary>
public sealed class QueryTenantStrategy : ITenantResolutionStrategy
{
    private readonly TenantKeyKind _kind;

    /// <summary>Creates the strategy.</summary>
    /// <param name="parameterName">The parameter name.</param>
    /// <param name="kind">Which key the parameter carries.</param>
    public QueryTenantStrategy(string parameterName = "tenant", TenantKeyKind kind = TenantKeyKind.Identifier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(parameterName);
        ParameterName = parameterName;
        _kind = kind;
    }

    /// <summary>The parameter name.</summary>
    public string ParameterName { get; }

    /// <inheritdoc />
    public string Name => "query";

    /// <inheritdoc />
    public bool IsAuthoritativeFor(in TenantRequestView request) => false;

    /// <inheritdoc />
    public TenantCandidate GetCandidate(in TenantRequestView request) =>
        TenantCandidates.FromValues(request.GetQuery(ParameterName), _kind);
}
