namespace Tenancy.Resolution.Strategies;

/// <summary>
/// Finds the tenant key in the first path segment (<c>/acme/orders</c> → <c>acme</c>). A path with <c>.</c> or
/// <c>..</c> segments is malformed (not normalised). The ASP.NET Core middleware
/// moves the segment into <c>PathBase</c> so that routes stay tenant-agnostic.
/// </summary>
public sealed class PathTenantStrategy : ITenantResolutionStrategy
{
    private readonly TenantKeyKind _kind;

    /// <summary>Creates the strategy.</summary>
    /// <param name="kind">Which key the segment carries.</param>
    public PathTenantStrategy(TenantKeyKind kind = TenantKeyKind.Identifier) => _kind = kind;

    /// <inheritdoc />
    public string Name => "path";

    /// <inheritdoc />
    public bool IsAuthoritativeFor(in TenantRequestView request) => false;

    /// <inheritdoc />
    public TenantCandidate GetCandidate(in TenantRequestView request)
    {
        var path = request.Path;
        var segment = GetFirstSegment(path);
        if (segment.IsEmpty)
        {
            return TenantCandidate.None;
        }

        // A path that is not normalised ("/acme/../globex") could be routed to another tenant's resources after the
        // tenant was taken from its first segment: reject it rather than guess.
        return HasDotSegment(path) ? TenantCandidate.Malformed : TenantCandidates.FromValue(segment, _kind);
    }

    /// <summary>Returns the first segment of <paramref name="path"/> (without slashes), or an empty span.</summary>
    /// <param name="path">A path starting with <c>/</c>.</param>
    /// <returns>The first segment.</returns>
    public static ReadOnlySpan<char> GetFirstSegment(ReadOnlySpan<char> path)
    {
        if (path.Length < 2 || path[0] != '/')
        {
            return default;
        }

        path = path[1..];
        var end = path.IndexOf('/');
        return end < 0 ? path : path[..end];
    }

    private static bool HasDotSegment(ReadOnlySpan<char> path)
    {
        for (var at = path.IndexOf("/.", StringComparison.Ordinal); at >= 0; at = NextDot(path, at))
        {
            var rest = path[(at + 2)..];
            if (rest.IsEmpty || rest[0] == '/' || (rest[0] == '.' && (rest.Length == 1 || rest[1] == '/')))
            {
                return true;
            }
        }

        return false;
    }

    private static int NextDot(ReadOnlySpan<char> path, int from)
    {
        var next = path[(from + 1)..].IndexOf("/.", StringComparison.Ordinal);
        return next < 0 ? -1 : from + 1 + next;
    }
}
