using System.Security.Claims;

namespace Tenancy.Resolution.Strategies;

/// <summary>
/// Finds the tenant key in a claim of the authenticated principal (<c>tid</c> by default, as Microsoft Entra ID issues it).
/// Authoritative: when the principal is authenticated and carries the claim, every other strategy must agree with it.
/// A claim on an unauthenticated principal is ignored. Two different values of the claim are malformed.
/// </summary>
public sealed class ClaimTenantStrategy : ITenantResolutionStrategy
{
    /// <summary>The claim read when none is named.</summary>
    public const string DefaultClaimType = "tid";

    private readonly TenantKeyKind _kind;

    /// <summary>Creates the strategy.</summary>
    /// <param name="claimType">The claim type.</param>
    /// <param name="kind">Which key the claim carries.</param>
    public ClaimTenantStrategy(string claimType = DefaultClaimType, TenantKeyKind kind = TenantKeyKind.Id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(claimType);
        ClaimType = claimType;
        _kind = kind;
    }

    /// <summary>The claim type.</summary>
    public string ClaimType { get; }

    /// <inheritdoc />
    public string Name => "claim";

    /// <inheritdoc />
    public bool IsAuthoritativeFor(in TenantRequestView request) => FindValue(request.User, out _) != ClaimMatch.None;

    /// <inheritdoc />
    public TenantCandidate GetCandidate(in TenantRequestView request) => FindValue(request.User, out var value) switch
    {
        ClaimMatch.One => TenantCandidates.FromValue(value, _kind),
        ClaimMatch.Conflicting => TenantCandidate.Malformed,
        _ => TenantCandidate.None,
    };

    private ClaimMatch FindValue(ClaimsPrincipal? user, out string value)
    {
        value = string.Empty;
        if (user is null)
        {
            return ClaimMatch.None;
        }

        var match = ClaimMatch.None;
        foreach (var identity in user.Identities)
        {
            if (!identity.IsAuthenticated)
            {
                continue;
            }

            foreach (var claim in identity.FindAll(ClaimType))
            {
                if (match == ClaimMatch.None)
                {
                    value = claim.Value;
                    match = ClaimMatch.One;
                }
                else if (!string.Equals(value, claim.Value, StringComparison.Ordinal))
                {
                    return ClaimMatch.Conflicting;
                }
            }
        }

        return match;
    }

    private enum ClaimMatch
    {
        None,
        One,
        Conflicting,
    }
}
