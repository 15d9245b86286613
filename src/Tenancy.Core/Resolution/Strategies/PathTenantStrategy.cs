namespace Tenancy.Resolution.Strategies;

/// <summary>
/// Finds the tenant key in the first path segment (<c>/acme/orders</c> → <c>acme</c>). The ASP.NET Core middleware
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
        var segment = GetFirstSegment(request.Path);
        return segment.IsEmpty ? TenantCandidate.None : TenantCandidates.FromValue(segment, _kind);
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
}
