namespace Tenancy.Stores;

/// <summary>Asks a store for one page of tenants.</summary>
public sealed record TenantPageRequest
{
    /// <summary>The largest page size a store accepts.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>Creates a request.</summary>
    /// <param name="pageSize">How many tenants at most (1 to <see cref="MaxPageSize"/>).</param>
    /// <param name="continuationToken">The <see cref="TenantPage.ContinuationToken"/> of the previous page, or <see langword="null"/> for the first.</param>
    public TenantPageRequest(int pageSize = 100, string? continuationToken = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, MaxPageSize);
        PageSize = pageSize;
        ContinuationToken = continuationToken;
    }

    /// <summary>How many tenants at most.</summary>
    public int PageSize { get; }

    /// <summary>Where the previous page stopped (the last id it returned), or <see langword="null"/> for the first page.</summary>
    public string? ContinuationToken { get; }
}
