namespace Tenancy.Resolution.Strategies;

/// <summary>Names the same tenant for every request that reaches it (development, single-tenant deployments). Put it last.</summary>
public sealed class StaticTenantStrategy : ITenantResolutionStrategy
{
    /// <summary>Creates the strategy.</summary>
    /// <param name="identifier">The tenant's identifier.</param>
    public StaticTenantStrategy(string identifier) => Identifier = TenantIdentifier.Validate(identifier);

    /// <summary>The tenant's identifier.</summary>
    public string Identifier { get; }

    /// <inheritdoc />
    public string Name => "static";

    /// <inheritdoc />
    public bool IsAuthoritativeFor(in TenantRequestView request) => false;

    /// <inheritdoc />
    public TenantCandidate GetCandidate(in TenantRequestView request) => TenantCandidate.Default(TenantKeyKind.Identifier, Identifier);
}
