namespace Tenancy.Resolution;

/// <summary>The answer of <see cref="ITenantResolver"/>: the outcome, the tenant (when found) and the strategy that decided.</summary>
public readonly struct TenantResolutionResult : IEquatable<TenantResolutionResult>
{
    /// <summary>Creates a result.</summary>
    /// <param name="outcome">How resolution ended.</param>
    /// <param name="tenant">The tenant, for <see cref="TenantResolutionOutcome.Resolved"/> and <see cref="TenantResolutionOutcome.Inactive"/>.</param>
    /// <param name="strategy">The strategy that decided, if any.</param>
    public TenantResolutionResult(TenantResolutionOutcome outcome, TenantInfo? tenant, ITenantResolutionStrategy? strategy)
    {
        Outcome = outcome;
        Tenant = tenant;
        Strategy = strategy;
    }

    /// <summary>How resolution ended.</summary>
    public TenantResolutionOutcome Outcome { get; }

    /// <summary>The tenant, for <see cref="TenantResolutionOutcome.Resolved"/> and <see cref="TenantResolutionOutcome.Inactive"/>.</summary>
    public TenantInfo? Tenant { get; }

    /// <summary>The strategy that decided (or, for a conflict, the one that disagreed).</summary>
    public ITenantResolutionStrategy? Strategy { get; }

    /// <summary>Whether an active tenant was resolved.</summary>
    public bool Succeeded => Outcome == TenantResolutionOutcome.Resolved;

    /// <summary>The strategy's name, or <see langword="null"/>.</summary>
    public string? StrategyName => Strategy?.Name;

    /// <summary>A fixed, safe explanation of the outcome (no request data), for logs and problem details.</summary>
    public string Detail => Outcome switch
    {
        TenantResolutionOutcome.Resolved => "The tenant was resolved.",
        TenantResolutionOutcome.NotFound => "The request names a tenant that does not exist.",
        TenantResolutionOutcome.InvalidIdentifier => "The request names a tenant with a malformed identifier.",
        TenantResolutionOutcome.Conflict => "The request names different tenants in different places (for example a header that differs from the host or from the authenticated tenant).",
        TenantResolutionOutcome.Inactive => "The tenant is not active.",
        _ => "The request does not name a tenant.",
    };

    /// <inheritdoc />
    public bool Equals(TenantResolutionResult other) => Outcome == other.Outcome && ReferenceEquals(Tenant, other.Tenant) && ReferenceEquals(Strategy, other.Strategy);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is TenantResolutionResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Outcome, Tenant, Strategy);

    /// <summary>Compares two results.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(TenantResolutionResult left, TenantResolutionResult right) => left.Equals(right);

    /// <summary>Compares two results.</summary>
    /// <param name="left">One result.</param>
    /// <param name="right">The other result.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(TenantResolutionResult left, TenantResolutionResult right) => !left.Equals(right);
}
