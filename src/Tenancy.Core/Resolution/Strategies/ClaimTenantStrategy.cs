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
        ClaimMatch.One => TenantCandidates.FromValue(value, _kind, TenantCandidate.CandidateTraits.Authenticated),
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

        // ClaimsPrincipal.Identities and ClaimsIdentity.Claims are lists in the framework's own types; indexing them
        // directly avoids the boxed enumerator (and FindAll's iterator), so reading the claim allocates nothing.
        var match = ClaimMatch.None;
        var identities = user.Identities;
        if (identities is IReadOnlyList<ClaimsIdentity> list)
        {
            for (var i = 0; i < list.Count && match != ClaimMatch.Conflicting; i++)
            {
                match = Scan(list[i], match, ref value);
            }
        }
        else
        {
            foreach (var identity in identities)
            {
                match = Scan(identity, match, ref value);
                if (match == ClaimMatch.Conflicting)
                {
                    break;
                }
            }
        }

        return match;
    }

    private ClaimMatch Scan(ClaimsIdentity? identity, ClaimMatch match, ref string value)
    {
        if (identity is null || !identity.IsAuthenticated)
        {
            return match;
        }

        var claims = identity.Claims;
        if (claims is IReadOnlyList<Claim> list)
        {
            for (var i = 0; i < list.Count && match != ClaimMatch.Conflicting; i++)
            {
                match = Accept(list[i], match, ref value);
            }

            return match;
        }

        foreach (var claim in claims)
        {
            match = Accept(claim, match, ref value);
            if (match == ClaimMatch.Conflicting)
            {
                break;
            }
        }

        return match;
    }

    private ClaimMatch Accept(Claim? claim, ClaimMatch match, ref string value)
    {
        if (claim is null || !string.Equals(claim.Type, ClaimType, StringComparison.OrdinalIgnoreCase))
        {
            return match;
        }

        if (match == ClaimMatch.None)
        {
            value = claim.Value;
            return ClaimMatch.One;
        }

        return string.Equals(value, claim.Value, StringComparison.Ordinal) ? match : ClaimMatch.Conflicting;
    }

    private enum ClaimMatch
    {
        None,
        One,
        Conflicting,
    }
}
