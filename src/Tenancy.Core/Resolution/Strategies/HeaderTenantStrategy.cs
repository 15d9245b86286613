namespace Tenancy.Resolution.Strategies;

/// <summary>
/// Finds the tenant key in a request header (<c>X-Tenant</c> by default). A repeated header, an empty one or one longer
/// than a key can be is malformed.
/// </summary>
public sealed class HeaderTenantStrategy : ITenantResolutionStrategy
{
    /// <summary>The header read when none is named.</summary>
    public const string DefaultHeaderName = "X-Tenant";

    private readonly TenantKeyKind _kind;

    /// <summary>Creates the strategy.</summary>
    /// <param name="headerName">The header name.</param>
    /// <param name="kind">Which key the header carries.</param>
    public HeaderTenantStrategy(string headerName = DefaultHeaderName, TenantKeyKind kind = TenantKeyKind.Identifier)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(headerName);
        HeaderName = headerName;
        _kind = kind;
    }

    /// <summary>The header name.</summary>
    public string HeaderName { get; }

    /// <inheritdoc />
    public string Name => "header";

    /// <inheritdoc />
    public bool IsAuthoritativeFor(in TenantRequestView request) => false;

    /// <inheritdoc />
    public TenantCandidate GetCandidate(in TenantRequestView request) =>
        TenantCandidates.FromValues(request.GetHeader(HeaderName), _kind);
}
