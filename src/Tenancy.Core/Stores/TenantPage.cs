namespace Tenancy.Stores;

/// <summary>One page of tenants, ordered by id (ordinal).</summary>
public sealed class TenantPage
{
    /// <summary>Creates a page.</summary>
    /// <param name="items">The tenants.</param>
    /// <param name="continuationToken">The token for the next page, or <see langword="null"/> when this is the last.</param>
    public TenantPage(IReadOnlyList<TenantInfo> items, string? continuationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        Items = items;
        ContinuationToken = continuationToken;
    }

    /// <summary>The tenants on this page.</summary>
    public IReadOnlyList<TenantInfo> Items { get; }

    /// <summary>Pass to <see cref="TenantPageRequest"/> for the next page; <see langword="null"/> on the last page.</summary>
    public string? ContinuationToken { get; }
}
